import { setTimeout as sleep } from 'node:timers/promises';
import type { DatabaseSync } from 'node:sqlite';
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { taskFunctions, type TaskFunction } from '#functions/manifest';
import { lambdaContext } from '#infra/local/lambda-context';
import { toSqsEvent } from '#infra/local/sqs-events';
import { openEmbeddedDatabase } from '#shared/adapters/embedded/database';
import { EmbeddedProgressStore } from '#shared/adapters/embedded/progress-store';
import { EmbeddedTaskQueue } from '#shared/adapters/embedded/task-queue';
import { newTaskId, newTaskRecord } from '#shared/domain/tasks';
import { DependencyError } from '#shared/errors';
import { itemTaskFunction } from '#shared/tasks/item-task';

process.env.POWERTOOLS_METRICS_DISABLED = 'true';
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';

/** A test task: each item's value says what its work does. */
const messageSchema = z.strictObject({
  taskId: z.uuid(),
  items: z.array(z.strictObject({ index: z.int().check(z.gte(0)), value: z.string() })).check(z.minLength(1)),
});
type Message = z.output<typeof messageSchema>;

const fn: TaskFunction = {
  ...taskFunctions.processDocuments,
  queue: { ...taskFunctions.processDocuments.queue, maxRetries: 2, retryBackoff: { baseSeconds: 4, maxSeconds: 60 } },
};

let database: DatabaseSync;
let progress: EmbeddedProgressStore;
let queue: EmbeddedTaskQueue;
/** Item values in the order their work ran. */
let worked: string[];
/** Runs inside an item's work, to change the world mid-message. */
let during: (value: string) => Promise<void>;

const handler = itemTaskFunction({
  fn,
  schema: messageSchema,
  entries: (message: Message) => message.items,
  withEntries: (message, items) => ({ ...message, items: [...items] }),
  process: async (entry) => {
    worked.push(entry.value);
    await during(entry.value);
    if (entry.value.startsWith('outage')) throw new DependencyError('graph', 'connection refused');
    if (entry.value.startsWith('bad')) throw new Error(`item ${entry.value} is broken`);
    return `id-${entry.value}`;
  },
  progress: () => progress,
  queue: () => queue,
});

/** Items of a message in flight at once, and the most there were. */
let inFlight = { now: 0, most: 0 };

/** The same task doing three items of a message at once. */
const concurrentHandler = itemTaskFunction({
  fn,
  schema: messageSchema,
  entries: (message: Message) => message.items,
  withEntries: (message, items) => ({ ...message, items: [...items] }),
  process: async (entry) => {
    worked.push(entry.value);
    inFlight = { now: inFlight.now + 1, most: Math.max(inFlight.most, inFlight.now + 1) };
    await sleep(10);
    inFlight = { ...inFlight, now: inFlight.now - 1 };
    if (entry.value.startsWith('outage')) throw new DependencyError('graph', 'connection refused');
    return `id-${entry.value}`;
  },
  concurrency: 3,
  progress: () => progress,
  queue: () => queue,
});

beforeEach(() => {
  database = openEmbeddedDatabase({ dataDir: '', inMemory: true });
  progress = new EmbeddedProgressStore({ database });
  queue = new EmbeddedTaskQueue({ database, task: fn.task, visibilityTimeoutSeconds: 60, maxReceiveCount: 8 });
  worked = [];
  during = () => Promise.resolve();
  inFlight = { now: 0, most: 0 };
});

afterEach(() => {
  database.close();
});

/** A task of `values.length` items, all in one message on the queue. */
async function queuedTask(values: readonly string[]): Promise<string> {
  const taskId = newTaskId();
  await progress.create(newTaskRecord(fn.task, taskId, values.length, new Date(), 3600, 'ada'));
  await queue.send([JSON.stringify({ taskId, items: values.map((value, index) => ({ index, value })) })]);
  return taskId;
}

/** Receives what is visible and hands it to the handler as one batch, with `leftMs` before the soft limit. */
async function deliver(leftMs = 60_000) {
  const messages = await queue.receive(10, 0);
  const deadline = Date.now() + (fn.timeoutSeconds - fn.queue.softTimeLimitSeconds) * 1000 + leftMs;
  const response = await handler(toSqsEvent(fn, messages), lambdaContext(fn, randomUUID(), deadline));
  return { messages, response };
}

describe('an item task', () => {
  it('does every item once and ends in SUCCESS with exact counts', async () => {
    // Prepare
    const taskId = await queuedTask(['a', 'b', 'c']);

    // Act
    const { response } = await deliver();

    // Assess
    expect(response.batchItemFailures).toEqual([]);
    expect(worked).toEqual(['a', 'b', 'c']);
    expect(await progress.get(taskId)).toMatchObject({ status: 'SUCCESS', message: 'Processed 3/3 items' });
  });

  it('records an item that cannot be done as failed and goes on with the others', async () => {
    // Prepare
    const taskId = await queuedTask(['a', 'bad-b', 'c']);

    // Act
    await deliver();

    // Assess
    const record = await progress.get(taskId);
    expect(record?.status).toBe('SUCCESS');
    expect(record?.items['1']).toEqual({ ok: false, error: 'Error: item bad-b is broken' });
    expect((await queue.depth()).deadLetters).toBe(0);
  });

  it('marks the task RETRY with the attempt, the next attempt time and the error on a transient failure', async () => {
    // Prepare
    const taskId = await queuedTask(['a', 'outage-b']);
    const before = Date.now();

    // Act
    const { messages, response } = await deliver();

    // Assess
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: messages[0]?.messageId }]);
    const record = await progress.get(taskId);
    expect(record).toMatchObject({
      status: 'RETRY',
      attempt: 1,
      lastError: 'DependencyError: graph: connection refused',
    });
    const nextAttempt = Date.parse(String(record?.nextAttemptAt));
    expect(nextAttempt).toBeGreaterThan(before);
    expect(nextAttempt).toBeLessThanOrEqual(Date.now() + 4_000);
  });

  it('hides a message failing transiently until its backoff has passed', async () => {
    // Prepare
    await queuedTask(['outage-a']);
    await deliver();

    // Act
    const again = await queue.receive(10, 0);

    // Assess
    expect(again).toEqual([]);
    expect(await queue.depth()).toEqual({ visible: 0, inFlight: 1, deadLetters: 0 });
  });

  it('resumes after a retry from the items not done yet', async () => {
    // Prepare
    const taskId = await queuedTask(['a', 'b', 'c']);
    let outage = true;
    during = (value) =>
      value === 'b' && outage ? Promise.reject(new DependencyError('graph', 'down')) : Promise.resolve();
    const [first] = await queue.receive(1, 0);
    if (!first) throw new Error('nothing queued');
    await handler(toSqsEvent(fn, [first]), lambdaContext(fn, randomUUID(), Date.now() + 120_000));
    outage = false;
    await queue.changeVisibility(first.receiptHandle, 0);

    // Act
    await deliver();

    // Assess
    expect(worked).toEqual(['a', 'b', 'b', 'c']);
    const record = await progress.get(taskId);
    expect(record).toMatchObject({ status: 'SUCCESS', message: 'Processed 3/3 items' });
    expect(record?.transitions.map((transition) => transition.status)).toEqual([
      'PENDING',
      'STARTED',
      'PROGRESS',
      'RETRY',
      'STARTED',
      'PROGRESS',
      'SUCCESS',
    ]);
  });

  it('gives up after maxRetries: the items left fail and only they go to the dead letters, with the reason', async () => {
    // Prepare
    const taskId = await queuedTask(['a', 'outage-b', 'outage-c']);
    const [message] = await queue.receive(1, 0);
    if (!message) throw new Error('nothing queued');
    const exhausted = { ...message, receiveCount: fn.queue.maxRetries + 1 };

    // Act
    const response = await handler(toSqsEvent(fn, [exhausted]), lambdaContext(fn, randomUUID(), Date.now() + 120_000));

    // Assess
    expect(response.batchItemFailures).toEqual([]);
    const [letter, ...others] = await queue.deadLetters(10);
    expect(others).toEqual([]);
    expect(letter?.reason).toBe('gave up after 3 attempts: DependencyError: graph: connection refused');
    expect((JSON.parse(String(letter?.body)) as Message).items.map((item) => item.index)).toEqual([1, 2]);
    const record = await progress.get(taskId);
    expect(record).toMatchObject({ status: 'SUCCESS', message: 'Processed 1/3 items, 2 failed' });
    expect(record?.items['2']).toMatchObject({ ok: false, deadLettered: true });
  });

  it('does a dead-lettered item again when its message is redriven', async () => {
    // Prepare
    const taskId = await queuedTask(['outage-a']);
    const [message] = await queue.receive(1, 0);
    if (!message) throw new Error('nothing queued');
    await handler(
      toSqsEvent(fn, [{ ...message, receiveCount: fn.queue.maxRetries + 1 }]),
      lambdaContext(fn, randomUUID(), Date.now() + 120_000),
    );
    expect((await progress.get(taskId))?.status).toBe('FAILURE');
    const [letter] = await queue.deadLetters(1);
    await queue.redrive();
    await queue.receive(1, 0).then(([redriven]) => queue.delete(String(redriven?.receiptHandle)));
    await queue.send([String(letter?.body).replace('outage-a', 'a')]);

    // Act
    await deliver();

    // Assess
    expect(await progress.get(taskId)).toMatchObject({ status: 'SUCCESS', message: 'Processed 1/1 items' });
  });

  it('sends a message that is not JSON straight to the dead letters with the reason, burning no retry', async () => {
    // Prepare
    await queue.send(['not json']);

    // Act
    const { response } = await deliver();

    // Assess
    expect(response.batchItemFailures).toEqual([]);
    const [letter] = await queue.deadLetters(10);
    expect(letter).toMatchObject({
      body: 'not json',
      reason: 'cannot succeed: MalformedMessageError: Message body is not JSON',
    });
    expect(await queue.depth()).toEqual({ visible: 0, inFlight: 1, deadLetters: 1 });
  });

  it('skips every item of a message whose task was revoked before it started', async () => {
    // Prepare
    const taskId = await queuedTask(['a', 'b']);
    await progress.revoke(taskId, new Date());

    // Act
    const { response } = await deliver();

    // Assess
    expect(response.batchItemFailures).toEqual([]);
    expect(worked).toEqual([]);
    expect(await progress.get(taskId)).toMatchObject({ status: 'REVOKED', message: 'Revoked after 0/2 items' });
  });

  it('stops a message in flight at the next item boundary when its task is revoked', async () => {
    // Prepare
    const taskId = await queuedTask(['a', 'b', 'c']);
    during = async (value) => {
      if (value === 'a') await progress.revoke(taskId, new Date());
    };

    // Act
    await deliver();

    // Assess
    expect(worked).toEqual(['a']);
    const record = await progress.get(taskId);
    expect(record?.status).toBe('REVOKED');
    expect(Object.keys(record?.items ?? {})).toEqual([]);
  });

  it('requeues the items left past the soft time limit, and does each item exactly once in all', async () => {
    // Prepare
    const taskId = await queuedTask(['a', 'b', 'c', 'd']);
    during = () => sleep(40);

    // Act
    await deliver(60);
    const requeued = await queue.receive(10, 0);
    await handler(toSqsEvent(fn, requeued), lambdaContext(fn, randomUUID(), Date.now() + 120_000));

    // Assess
    expect(requeued).toHaveLength(1);
    expect((JSON.parse(String(requeued[0]?.body)) as Message).items.map((item) => item.value)).toEqual(['c', 'd']);
    expect(worked).toEqual(['a', 'b', 'c', 'd']);
    expect(await progress.get(taskId)).toMatchObject({ status: 'SUCCESS', message: 'Processed 4/4 items' });
  });

  it('does nothing again for a message delivered a second time', async () => {
    // Prepare
    const taskId = newTaskId();
    await progress.create(newTaskRecord(fn.task, taskId, 2, new Date(), 3600, 'ada'));
    const body = JSON.stringify({
      taskId,
      items: [
        { index: 0, value: 'a' },
        { index: 1, value: 'b' },
      ],
    });
    await queue.send([body]);
    await deliver();

    // Act
    await queue.send([body]);
    await deliver();

    // Assess
    expect(worked).toEqual(['a', 'b']);
    expect(await progress.get(taskId)).toMatchObject({ status: 'SUCCESS', message: 'Processed 2/2 items' });
  });

  it('counts each item once when two copies of a message are delivered at the same time', async () => {
    // Prepare
    const taskId = newTaskId();
    await progress.create(newTaskRecord(fn.task, taskId, 2, new Date(), 3600, 'ada'));
    const body = JSON.stringify({
      taskId,
      items: [
        { index: 0, value: 'a' },
        { index: 1, value: 'b' },
      ],
    });
    await queue.send([body, body]);

    // Act
    await deliver();

    // Assess
    const record = await progress.get(taskId);
    expect(record).toMatchObject({ status: 'SUCCESS', message: 'Processed 2/2 items' });
    expect(record?.transitions.filter((transition) => transition.status === 'SUCCESS')).toHaveLength(1);
  });

  it('does up to its concurrency of a message’s items at once and records each group with one write', async () => {
    // Prepare
    const taskId = await queuedTask(['a', 'b', 'c', 'd', 'e']);
    const messages = await queue.receive(10, 0);

    // Act
    const response = await concurrentHandler(
      toSqsEvent(fn, messages),
      lambdaContext(fn, randomUUID(), Date.now() + 120_000),
    );

    // Assess
    expect(response.batchItemFailures).toEqual([]);
    expect(inFlight.most).toBe(3);
    const record = await progress.get(taskId);
    expect(record).toMatchObject({ status: 'SUCCESS', message: 'Processed 5/5 items' });
    expect(record?.transitions.map((transition) => transition.status)).toEqual([
      'PENDING',
      'STARTED',
      'PROGRESS',
      'SUCCESS',
    ]);
  });

  it('records the items of a group that finished when another met an outage, and retries only that one', async () => {
    // Prepare
    const taskId = await queuedTask(['a', 'outage-b', 'c']);
    const [first] = await queue.receive(1, 0);
    if (!first) throw new Error('nothing queued');
    const firstResponse = await concurrentHandler(
      toSqsEvent(fn, [first]),
      lambdaContext(fn, randomUUID(), Date.now() + 120_000),
    );
    await queue.changeVisibility(first.receiptHandle, 0);
    const [again] = await queue.receive(1, 0);
    if (!again) throw new Error('the retry is not visible');
    const retried = { ...again, body: again.body.replace('outage-b', 'b') };

    // Act
    await concurrentHandler(toSqsEvent(fn, [retried]), lambdaContext(fn, randomUUID(), Date.now() + 120_000));

    // Assess
    expect(firstResponse.batchItemFailures).toEqual([{ itemIdentifier: first.messageId }]);
    expect(worked).toEqual(['a', 'outage-b', 'c', 'b']);
    expect(await progress.get(taskId)).toMatchObject({ status: 'SUCCESS', message: 'Processed 3/3 items' });
  });
});
