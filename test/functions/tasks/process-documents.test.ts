import { describe, expect, it } from 'vitest';
import { handler } from '#functions/tasks/process-documents';
import { graphStore } from '#shared/container/graph';
import { progressStore } from '#shared/container/progress';
import { packDocumentBatches } from '#shared/domain/document-batches';
import { toKnowledgeDocument } from '#shared/domain/documents';
import { newTaskRecord } from '#shared/domain/tasks';
import { lambdaContext, sqsEvent } from '../../support/events.ts';
import { useEmbeddedDefaults } from '../../support/embedded.ts';

useEmbeddedDefaults();

const taskId = '6f1c1f5e-8d0a-4a7e-9a51-0f3c2b1d9e11';
const documents = [
  toKnowledgeDocument({ title: 'Elements', text: 'Euclid', domain: 'mathematics' }),
  toKnowledgeDocument({ title: 'Principia', text: 'Newton', domain: 'science' }),
];

describe('process-documents task', () => {
  it('stores every document in the graph and completes the task', async () => {
    await progressStore().create(newTaskRecord('process-documents', taskId, 2, new Date(), 3600));
    const bodies = packDocumentBatches(taskId, documents).map((batch) => JSON.stringify(batch));

    const response = await handler(sqsEvent(bodies), lambdaContext());

    expect(response.batchItemFailures).toEqual([]);
    const graph = await graphStore();
    expect((await graph.getDocument(documents[1]?.id ?? ''))?.title).toBe('Principia');
    expect(await progressStore().get(taskId)).toMatchObject({ status: 'SUCCESS', total: 2 });
  });

  it('replays a delivered message without counting it twice', async () => {
    await progressStore().create(newTaskRecord('process-documents', taskId, 2, new Date(), 3600));
    const bodies = packDocumentBatches(taskId, documents).map((batch) => JSON.stringify(batch));

    await handler(sqsEvent(bodies), lambdaContext());
    await handler(sqsEvent(bodies, 2), lambdaContext());

    const record = await progressStore().get(taskId);
    expect(Object.keys(record?.items ?? {})).toHaveLength(2);
    expect(record?.status).toBe('SUCCESS');
  });

  it('reports a malformed message as a failed record and processes the others', async () => {
    await progressStore().create(newTaskRecord('process-documents', taskId, 2, new Date(), 3600));
    const good = packDocumentBatches(taskId, documents).map((batch) => JSON.stringify(batch));
    const event = sqsEvent(['{"taskId": 1}', 'not json', ...good]);

    const response = await handler(event, lambdaContext());

    expect(response.batchItemFailures.map((failure) => failure.itemIdentifier)).toEqual(
      event.Records.slice(0, 2).map((record) => record.messageId),
    );
    expect((await progressStore().get(taskId))?.status).toBe('SUCCESS');
  });
});
