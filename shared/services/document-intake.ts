import { type DocumentSubmission, toKnowledgeDocument } from '#shared/domain/documents';
import { packDocumentBatches } from '#shared/domain/document-batches';
import { newTaskId, newTaskRecord, type TaskStatus } from '#shared/domain/tasks';
import type { ProgressStore } from '#shared/ports/progress-store';
import type { TaskQueue } from '#shared/ports/task-queue';

export interface IntakeDeps {
  /** Who submits: recorded with the task, which only they and admins may see. */
  readonly submittedBy: string;
  readonly progress: ProgressStore;
  readonly queue: TaskQueue;
  readonly ttlSeconds: number;
  readonly now?: () => Date;
}

export interface AcceptedTask {
  readonly taskId: string;
  readonly status: TaskStatus;
  readonly total: number;
}

/**
 * Accepts documents for processing. The progress record is written first and the documents are queued
 * second, so a task the caller hears about always has a record; if queueing fails the caller gets an
 * error, not a task id, and may resend: document ids come from content, so a resend creates no duplicates.
 */
export async function acceptDocuments(submission: DocumentSubmission, deps: IntakeDeps): Promise<AcceptedTask> {
  const now = deps.now?.() ?? new Date();
  const taskId = newTaskId();
  const documents = submission.documents.map(toKnowledgeDocument);
  await deps.progress.create(
    newTaskRecord('process-documents', taskId, documents.length, now, deps.ttlSeconds, deps.submittedBy),
  );
  const batches = packDocumentBatches(taskId, documents);
  await deps.queue.send(batches.map((batch) => JSON.stringify(batch)));
  return { taskId, status: 'PENDING', total: documents.length };
}
