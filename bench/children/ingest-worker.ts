/**
 * One process-documents worker, as one Lambda container: submits the bench's 1 KB documents through the
 * submit service (progress record, then SQS), then plays the event source mapping for this one container:
 * receives a batch of `batchSize` messages from SQS, invokes the deployed handler with it as Lambda would,
 * deletes what it did not report as failed, and so on until the queue is empty. The first batch (the cold
 * start: model and language data load) is run apart. Sends over IPC what the warm batches took: documents
 * per second of handler time, CPU per document (`process.cpuUsage`, every thread of the process), the
 * process's own peak RSS, and whether every document reached the graph and every task SUCCESS.
 *
 * Input (environment): the services' variables and the provisioned resources' (bench/ingest-worker.ts sets
 * them), BENCH_WORKER_LABEL, BENCH_WORKER_DOCUMENTS, BENCH_WORKER_DOCUMENTS_PER_TASK.
 */
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import neo4j from 'neo4j-driver-lite';
import { taskFunctions } from '#functions/manifest';
import { handler } from '#functions/tasks/process-documents';
import { lambdaContext } from '#infra/local/lambda-context';
import { processedMessages, toSqsEvent } from '#infra/local/sqs-events';
import { config } from '#shared/config';
import { graphStore } from '#shared/container/graph';
import { progressStore } from '#shared/container/progress';
import { taskQueue } from '#shared/container/queues';
import { acceptDocuments } from '#shared/services/document-intake';
import type { ReceivedMessage } from '#shared/ports/task-queue';
import { ingestDocuments } from '../ingest-documents.ts';

export interface WorkerRunResult {
  readonly documents: number;
  readonly batches: number;
  readonly coldBatchDocuments: number;
  readonly coldBatchMs: number;
  readonly warmDocuments: number;
  readonly warmHandlerMs: number;
  readonly docsPerSecond: number;
  readonly cpuMsPerDocument: number;
  readonly peakRssMb: number;
  readonly failedRecords: number;
  /** Documents in the graph with their analysis, of `documents`. */
  readonly storedDocuments: number;
  readonly succeededTasks: number;
  readonly tasks: number;
  readonly exact: boolean;
}

const fn = taskFunctions.processDocuments;
const label = process.env.BENCH_WORKER_LABEL ?? randomUUID();
const total = Number(process.env.BENCH_WORKER_DOCUMENTS ?? 300);
const perTask = Number(process.env.BENCH_WORKER_DOCUMENTS_PER_TASK ?? 50);

// The graph's constraints, as the deployment's bootstrap makes them: without them concurrent MERGEs duplicate nodes.
await (await graphStore()).migrate();
const documents = await ingestDocuments(label, total);
const queue = taskQueue(fn);
const taskIds: string[] = [];
for (let start = 0; start < documents.length; start += perTask) {
  const accepted = await acceptDocuments(
    { documents: documents.slice(start, start + perTask).map((document) => ({ ...document, domain: 'general' })) },
    { submittedBy: 'bench-worker', progress: progressStore(), queue, ttlSeconds: config().progress.ttlSeconds },
  );
  taskIds.push(accepted.taskId);
}

let batches = 0;
let failedRecords = 0;
let cold: { documents: number; ms: number } | undefined;
let warm = { documents: 0, ms: 0, cpuMicros: 0 };
for (;;) {
  const messages = await receiveBatch();
  if (messages.length === 0) break;
  const inBatch = messages.reduce((sum, message) => sum + documentsIn(message), 0);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const response = await handler(
    toSqsEvent(fn, messages),
    lambdaContext(fn, randomUUID(), Date.now() + fn.timeoutSeconds * 1000),
  );
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  batches += 1;
  failedRecords += response.batchItemFailures.length;
  if (cold === undefined) cold = { documents: inBatch, ms };
  else
    warm = { documents: warm.documents + inBatch, ms: warm.ms + ms, cpuMicros: warm.cpuMicros + cpu.user + cpu.system };
  await Promise.all(processedMessages(messages, response).map((message) => queue.delete(message.receiptHandle)));
}

const records = await Promise.all(taskIds.map((taskId) => progressStore().get(taskId)));
for (const r of records)
  if (r?.status !== 'SUCCESS')
    process.stderr.write(
      JSON.stringify({
        status: r?.status,
        message: r?.message,
        transitions: r?.transitions,
        n: Object.keys(r?.items ?? {}).length,
      }) + '\n',
    );
const stored = await storedDocuments(documents.map((document) => document.title));
const result: WorkerRunResult = {
  documents: total,
  batches,
  coldBatchDocuments: cold?.documents ?? 0,
  coldBatchMs: Math.round(cold?.ms ?? 0),
  warmDocuments: warm.documents,
  warmHandlerMs: Math.round(warm.ms),
  docsPerSecond: round(warm.documents / (warm.ms / 1000)),
  cpuMsPerDocument: round(warm.cpuMicros / 1000 / warm.documents),
  peakRssMb: Math.round(ownPeakRssKib() / 1024),
  failedRecords,
  storedDocuments: stored,
  succeededTasks: records.filter((record) => record?.status === 'SUCCESS').length,
  tasks: taskIds.length,
  exact:
    stored === total &&
    records.every(
      (record) =>
        record?.status === 'SUCCESS' && Object.values(record.items).filter((item) => item.ok).length === record.total,
    ),
};
// The containers' clients (Neo4j, SDK sockets) would hold the process open: it ends here, as a test harness does.
process.send?.(result, () => process.exit(0));

/** A batch as the event source mapping hands one container: up to `batchSize` messages at once. */
async function receiveBatch(): Promise<ReceivedMessage[]> {
  const messages = await queue.receive(fn.queue.batchSize, 0);
  while (messages.length > 0 && messages.length < fn.queue.batchSize) {
    const more = await queue.receive(fn.queue.batchSize - messages.length, 0);
    if (more.length === 0) break;
    messages.push(...more);
  }
  return messages;
}

function documentsIn(message: ReceivedMessage): number {
  return (JSON.parse(message.body) as { documents: unknown[] }).documents.length;
}

async function storedDocuments(titles: readonly string[]): Promise<number> {
  const { NEO4J_URI = '', NEO4J_USERNAME = 'neo4j', NEO4J_PASSWORD = '' } = process.env;
  const driver = neo4j.driver(NEO4J_URI, neo4j.auth.basic(NEO4J_USERNAME, NEO4J_PASSWORD));
  try {
    const { records } = await driver.executeQuery(
      'MATCH (d:Document) WHERE d.title IN $titles AND d.summary IS NOT NULL RETURN count(d) AS n',
      { titles: [...titles] },
    );
    return Number(records[0]?.get('n'));
  } finally {
    await driver.close();
  }
}

/** This process's own peak RSS (Linux `VmHWM`; `maxRSS` would carry the forking parent's across exec). */
function ownPeakRssKib(): number {
  const kib = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
  return kib === undefined ? process.resourceUsage().maxRSS : Number(kib);
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
