import { describe, expect, it } from 'vitest';
import { openEmbeddedDatabase } from '#shared/adapters/embedded/database';
import { EmbeddedProgressStore } from '#shared/adapters/embedded/progress-store';
import { toKnowledgeDocument, type KnowledgeDocument } from '#shared/domain/documents';
import { newTaskRecord } from '#shared/domain/tasks';
import { DependencyError } from '#shared/errors';
import type { GraphStore } from '#shared/ports/graph-store';
import { processDocumentBatch } from '#shared/services/document-processing';

const taskId = '6f1c1f5e-8d0a-4a7e-9a51-0f3c2b1d9e11';
const docs = ['a', 'b', 'c'].map((title) => toKnowledgeDocument({ title, text: title, domain: 'general' }));
const message = { taskId, documents: docs.map((document, index) => ({ index, document })) };

/** A graph that fails as told, to exercise the service's error rules. */
function failingGraph(fail: (document: KnowledgeDocument) => Error | undefined): GraphStore {
  return {
    component: 'graph',
    adapter: 'fake',
    check: () => Promise.resolve(),
    migrate: () => Promise.resolve(),
    close: () => Promise.resolve(),
    getDocument: () => Promise.resolve(undefined),
    deleteDocument: () => Promise.resolve(false),
    saveDocument: (document) => {
      const error = fail(document);
      return error ? Promise.reject(error) : Promise.resolve();
    },
  };
}

async function progressWithTask() {
  const progress = new EmbeddedProgressStore({ database: openEmbeddedDatabase({ dataDir: '', inMemory: true }) });
  await progress.create(newTaskRecord('process-documents', taskId, 3, new Date(), 3600));
  return progress;
}

describe('processDocumentBatch', () => {
  it('records a document that cannot be stored as failed and stores the others', async () => {
    const progress = await progressWithTask();
    const graph = failingGraph((document) => (document.title === 'b' ? new Error('rejected') : undefined));

    const outcome = await processDocumentBatch(message, { graph, progress });

    expect(outcome).toMatchObject({ processed: 2, failed: 1 });
    expect(outcome.record?.items['1']).toMatchObject({ ok: false, error: 'rejected' });
    expect(outcome.record?.status).toBe('SUCCESS');
  });

  it('throws on a graph outage so the queue redelivers the batch', async () => {
    const progress = await progressWithTask();
    const graph = failingGraph(() => new DependencyError('neo4j', 'unavailable'));

    await expect(processDocumentBatch(message, { graph, progress })).rejects.toBeInstanceOf(DependencyError);
    expect((await progress.get(taskId))?.status).toBe('STARTED');
  });

  it('still stores documents whose progress record has expired', async () => {
    const progress = new EmbeddedProgressStore({ database: openEmbeddedDatabase({ dataDir: '', inMemory: true }) });
    const saved: string[] = [];
    const graph = failingGraph((document) => {
      saved.push(document.title);
      return undefined;
    });

    const outcome = await processDocumentBatch(message, { graph, progress });

    expect(saved).toEqual(['a', 'b', 'c']);
    expect(outcome.record).toBeUndefined();
  });
});
