import type { DocumentBatchMessage } from '#shared/domain/document-batches';
import type { TaskRecord } from '#shared/domain/tasks';
import { DependencyError } from '#shared/errors';
import type { GraphStore } from '#shared/ports/graph-store';
import type { ProgressStore } from '#shared/ports/progress-store';
import { indexDocumentVectors, type DocumentVectorDeps } from './document-vectors.ts';

export interface ProcessingDeps {
  readonly graph: GraphStore;
  readonly progress: ProgressStore;
  /** Where each document's chunks are embedded and indexed; without it documents only reach the graph. */
  readonly vectors?: DocumentVectorDeps;
  readonly now?: () => Date;
}

export interface BatchOutcome {
  readonly taskId: string;
  readonly processed: number;
  readonly failed: number;
  /** The record after this batch, or undefined when it has expired or never existed. */
  readonly record?: TaskRecord;
}

/**
 * Stores each document of a batch in the graph and records its outcome. A document that cannot be stored
 * is recorded as failed and the others go on; an outage of a dependency is thrown instead, so the queue
 * redelivers the whole batch later (every step is idempotent, so replays are safe).
 */
export async function processDocumentBatch(message: DocumentBatchMessage, deps: ProcessingDeps): Promise<BatchOutcome> {
  const now = deps.now ?? (() => new Date());
  let record = await deps.progress.start(message.taskId, now());
  let processed = 0;
  let failed = 0;
  for (const { index, document } of message.documents) {
    try {
      await deps.graph.saveDocument(document);
      if (deps.vectors) await indexDocumentVectors(document, deps.vectors);
      record = await deps.progress.recordItem(message.taskId, index, { ok: true, id: document.id }, now());
      processed += 1;
    } catch (error) {
      if (error instanceof DependencyError && error.transient) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      record = await deps.progress.recordItem(
        message.taskId,
        index,
        { ok: false, id: document.id, error: reason },
        now(),
      );
      failed += 1;
    }
  }
  return { taskId: message.taskId, processed, failed, ...(record && { record }) };
}
