import { describe, expect, it } from 'vitest';
import { taskFunctions } from '#functions/manifest';
import { handler } from '#functions/tasks/process-documents';
import { taskQueue } from '#shared/container/queues';
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
    await progressStore().create(newTaskRecord('process-documents', taskId, 2, new Date(), 3600, 'ada'));
    const bodies = packDocumentBatches(taskId, documents).map((batch) => JSON.stringify(batch));

    const response = await handler(sqsEvent(bodies), lambdaContext(taskFunctions.processDocuments));

    expect(response.batchItemFailures).toEqual([]);
    const graph = await graphStore();
    expect((await graph.getDocument(documents[1]?.id ?? ''))?.title).toBe('Principia');
    expect(await progressStore().get(taskId)).toMatchObject({ status: 'SUCCESS', total: 2 });
  });

  it('replays a delivered message without counting it twice', async () => {
    await progressStore().create(newTaskRecord('process-documents', taskId, 2, new Date(), 3600, 'ada'));
    const bodies = packDocumentBatches(taskId, documents).map((batch) => JSON.stringify(batch));

    await handler(sqsEvent(bodies), lambdaContext(taskFunctions.processDocuments));
    await handler(sqsEvent(bodies, 2), lambdaContext(taskFunctions.processDocuments));

    const record = await progressStore().get(taskId);
    expect(Object.keys(record?.items ?? {})).toHaveLength(2);
    expect(record?.status).toBe('SUCCESS');
  });

  it('dead-letters a malformed message with its reason and processes the others', async () => {
    await progressStore().create(newTaskRecord('process-documents', taskId, 2, new Date(), 3600, 'ada'));
    const good = packDocumentBatches(taskId, documents).map((batch) => JSON.stringify(batch));
    const event = sqsEvent(['{"taskId": 1}', ...good]);

    const response = await handler(event, lambdaContext(taskFunctions.processDocuments));

    expect(response.batchItemFailures).toEqual([]);
    const [letter] = await taskQueue(taskFunctions.processDocuments).deadLetters(10);
    expect(letter?.body).toBe('{"taskId": 1}');
    expect(letter?.reason).toMatch(/^cannot succeed: .*taskId/);
    expect((await progressStore().get(taskId))?.status).toBe('SUCCESS');
  });
});
