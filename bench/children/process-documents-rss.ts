/**
 * One cold processing function: a fresh process loads the process-documents handler, processes one batch
 * of five 10 KB documents (model load included), and prints its cold start and peak RSS as one JSON line.
 */
import { taskFunctions } from '#functions/manifest';
import { handler } from '#functions/tasks/process-documents';
import { progressStore } from '#shared/container/progress';
import { packDocumentBatches } from '#shared/domain/document-batches';
import { toKnowledgeDocument } from '#shared/domain/documents';
import { newTaskRecord } from '#shared/domain/tasks';
import { lambdaContext, sqsEvent } from '../../test/support/events.ts';

const loaded = performance.now();
const taskId = '6f1c1f5e-8d0a-4a7e-9a51-0f3c2b1d9e11';
const sentence = 'The roots of the world tree reach three wells, and its branches hold the nine worlds of the sagas. ';
const documents = Array.from({ length: 5 }, (_, i) =>
  toKnowledgeDocument({ title: `Saga ${i}`, text: `${i} ${sentence.repeat(100)}`, domain: 'religion' }),
);
await progressStore().create(newTaskRecord('process-documents', taskId, 5, new Date(), 3600, 'bench'));
const bodies = packDocumentBatches(taskId, documents).map((batch) => JSON.stringify(batch));
const result = await handler(sqsEvent(bodies), lambdaContext(taskFunctions.processDocuments));
const done = performance.now();
process.stdout.write(
  `${JSON.stringify({
    failures: result.batchItemFailures.length,
    importMs: loaded,
    firstBatchMs: done,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  })}\n`,
);
