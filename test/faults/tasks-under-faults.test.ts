import { randomUUID } from 'node:crypto';
import { SetQueueAttributesCommand, SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import neo4j, { type Driver } from 'neo4j-driver-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queueUrlVariable } from '#shared/config';
import { packDocumentBatches } from '#shared/domain/document-batches';
import { toKnowledgeDocument, type DocumentSubmission } from '#shared/domain/documents';
import type { TaskProgress } from '#shared/domain/tasks';
import type { RunningRuntime } from '../e2e/local-runtime.ts';
import {
  awsClientConfig,
  provisionTestResources,
  startSignedInRuntime,
  testServices,
} from '../e2e/signed-in-runtime.ts';
import { startTcpProxy, type TcpProxy } from './tcp-proxy.ts';
import { startThrottlingProxy, type ThrottlingProxy } from './throttling-proxy.ts';

/**
 * Faults injected while the local runtime (its own process, as `npm start` runs it) processes documents
 * on real Neo4j, DynamoDB and SQS (moto): Neo4j going away, a worker killed, a message delivered twice, a
 * poison message, DynamoDB throttling. After each, every accepted document is stored exactly once, the
 * task's counts are exact and its final state is right.
 */

/** Short, so work a killed worker held comes back within the test (the cloud's is 6 × the timeout). */
const TEST_VISIBILITY_SECONDS = 5;

let services: Record<string, string>;
let bolt: TcpProxy;
let aws: ThrottlingProxy;
let env: Record<string, string>;
let runtime: RunningRuntime;
let headers: Record<string, string>;
let graph: Driver;
let sqs: SQSClient;

beforeAll(async () => {
  services = testServices('The fault tests');
  const neo4jAddress = new URL(services.NEO4J_URI ?? '');
  bolt = await startTcpProxy({ host: neo4jAddress.hostname, port: Number(neo4jAddress.port) });
  aws = await startThrottlingProxy(services.AWS_ENDPOINT_URL ?? '');
  const resources = await provisionTestResources(services, 'faults');
  sqs = new SQSClient(awsClientConfig(services));
  await sqs.send(
    new SetQueueAttributesCommand({
      QueueUrl: queueUrl(resources),
      Attributes: { VisibilityTimeout: String(TEST_VISIBILITY_SECONDS) },
    }),
  );
  env = {
    ...services,
    ...resources,
    NEO4J_URI: `bolt://${bolt.address}`,
    AWS_ENDPOINT_URL: aws.url,
    RATE_LIMIT_PRINCIPAL: '100000/60',
  };
  graph = neo4j.driver(
    services.NEO4J_URI ?? '',
    neo4j.auth.basic(services.NEO4J_USERNAME ?? 'neo4j', services.NEO4J_PASSWORD ?? ''),
  );
  ({ runtime, headers } = await startSignedInRuntime(env));
}, 120_000);

afterAll(async () => {
  await runtime.stop();
  await graph.close();
  await bolt.close();
  await aws.close();
});

function queueUrl(variables: Record<string, string>): string {
  return variables[queueUrlVariable('process-documents')] ?? '';
}

/** `count` distinct documents, unique to this call. */
function documents(count: number): DocumentSubmission['documents'] {
  const run = randomUUID();
  return Array.from({ length: count }, (_, index) => ({
    title: `Fault ${run} #${index}`,
    text: `Document ${index} of a fault-injection run ${run}.`,
    domain: 'science' as const,
  }));
}

async function submit(docs: DocumentSubmission['documents'], url = runtime.url): Promise<string> {
  const response = await fetch(`${url}/documents`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({ documents: docs }),
  });
  expect(response.status, await response.clone().text()).toBe(202);
  return ((await response.json()) as { taskId: string }).taskId;
}

async function task(taskId: string, url = runtime.url): Promise<TaskProgress> {
  const response = await fetch(`${url}/tasks/${taskId}`, { headers });
  expect(response.status).toBe(200);
  return (await response.json()) as TaskProgress;
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

// Generous: on 2 cores shared with the rest of the suite, 200 documents after a cut (driver reconnects, retries
// with backoff up to 16 s) took over 90 s once; alone they take ~40 s. Exactness is asserted, not speed.
const finished = (taskId: string, url = runtime.url) =>
  until(
    `task ${taskId} to finish`,
    async () => {
      const view = await task(taskId, url);
      return view.status === 'SUCCESS' || view.status === 'FAILURE' ? view : undefined;
    },
    180_000,
  );

/** How many Document nodes the graph holds for these submissions (the graph itself, not the proxy). */
async function stored(docs: DocumentSubmission['documents']): Promise<number> {
  const ids = docs.map((doc) => toKnowledgeDocument(doc).id);
  const { records } = await graph.executeQuery('MATCH (d:Document) WHERE d.id IN $ids RETURN count(d) AS n', { ids });
  return Number(records[0]?.get('n'));
}

function expectExact(view: TaskProgress, total: number): void {
  expect(view).toMatchObject({ status: 'SUCCESS', current: total, total, errors: [] });
  expect(view.result).toMatchObject({ succeeded: total, failed: 0 });
  expect(new Set(view.result?.documentIds).size).toBe(total);
}

describe('tasks under faults', () => {
  it('stores each of 200 documents exactly once when Neo4j goes away mid-task and comes back', async () => {
    // Prepare
    const [first, second] = [documents(100), documents(100)];
    bolt.setLatency(10);
    const taskIds = [await submit(first), await submit(second)];
    await until('work to begin', async () => ((await task(taskIds[0] ?? '')).current > 0 ? true : undefined));

    // Act
    bolt.cut();
    const retrying = await until('a task to wait for a retry', async () => {
      const views = await Promise.all(taskIds.map((taskId) => task(taskId)));
      return views.find((view) => view.status === 'RETRY');
    });
    bolt.restore();
    bolt.setLatency(0);
    const views = await Promise.all(taskIds.map((taskId) => finished(taskId)));

    // Assess
    expect(retrying).toMatchObject({ status: 'RETRY', attempt: expect.any(Number) as number });
    expect(retrying.lastError).toMatch(/graph/);
    expect(retrying.current).toBeLessThan(100);
    for (const view of views) expectExact(view, 100);
    expect(await stored([...first, ...second])).toBe(200);
  }, 300_000);

  it('counts each document once when the same message is delivered twice', async () => {
    // Prepare
    const docs = documents(3);
    const taskId = await submit(docs);
    const [message] = packDocumentBatches(taskId, docs.map(toKnowledgeDocument));

    // Act
    await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: queueUrl(env),
        Entries: ['a', 'b'].map((id) => ({ Id: id, MessageBody: JSON.stringify(message) })),
      }),
    );
    const view = await finished(taskId);
    await new Promise((resolve) => setTimeout(resolve, 2_000)); // let the copies arrive after the finish

    // Assess
    expectExact(await task(taskId), 3);
    expect(view.transitions.filter((transition) => transition.status === 'SUCCESS')).toHaveLength(1);
    expect(await stored(docs)).toBe(3);
  }, 60_000);

  it('puts a poison message in the dead letters with its reason, and the health check says so', async () => {
    // Prepare
    const docs = documents(5);

    // Act
    await sqs.send(
      new SendMessageBatchCommand({ QueueUrl: queueUrl(env), Entries: [{ Id: 'poison', MessageBody: '{"taskId":' }] }),
    );
    const taskId = await submit(docs);
    const letter = await until('the poison message to be dead-lettered', async () => {
      const response = await fetch(`${runtime.url}/dead-letters?task=process-documents`, { headers });
      const { items } = (await response.json()) as { items: { reason: string; bytes: number }[] };
      return items.find((item) => item.bytes === 10);
    });

    // Assess
    expect(letter.reason).toMatch(/^cannot succeed: MalformedMessageError/);
    expectExact(await finished(taskId), 5);
    expect(await stored(docs)).toBe(5);
    const health = (await (await fetch(`${runtime.url}/health`)).json()) as { status: string };
    expect(health.status).toBe('degraded');
  }, 60_000);

  it('stores each document once and counts it once when DynamoDB throttles the progress writes', async () => {
    // Prepare
    const docs = documents(20);
    const progressTable = env.PROGRESS_TABLE ?? '';
    const taskId = await submit(docs);

    // Act
    aws.throttleWrites(progressTable, Date.now() + 4_000);
    const view = await finished(taskId);

    // Assess
    expect(aws.throttled).toBeGreaterThan(0);
    expectExact(view, 20);
    expect(await stored(docs)).toBe(20);
  }, 90_000);

  it('finishes the work of a worker process killed mid-task, each document stored and counted once', async () => {
    // Prepare
    const docs = documents(100);
    bolt.setLatency(10);
    const taskId = await submit(docs);
    await until('work to begin', async () => ((await task(taskId)).current > 0 ? true : undefined));

    // Act
    await runtime.kill();
    const cut = await (async () => {
      ({ runtime, headers } = await startSignedInRuntime(env));
      return task(taskId);
    })();
    bolt.setLatency(0);
    const view = await finished(taskId);

    // Assess
    expect(cut.current).toBeLessThan(100);
    expectExact(view, 100);
    expect(await stored(docs)).toBe(100);
  }, 180_000);
});
