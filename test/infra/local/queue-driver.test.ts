import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DatabaseSync } from 'node:sqlite';
import type { Context, SQSEvent } from 'aws-lambda';
import { openEmbeddedDatabase } from '#shared/adapters/embedded/database';
import { EmbeddedTaskQueue } from '#shared/adapters/embedded/task-queue';
import type { TaskFunction } from '#functions/manifest';
import type { ConsumableQueue } from '#shared/ports/task-queue';
import { startQueueDriver, type QueueDriver } from '#infra/local/queue-driver';
import { scriptedTask } from './fixtures/manifest.ts';

const opened: { database: DatabaseSync; driver?: QueueDriver }[] = [];

afterEach(async () => {
  for (const { database, driver } of opened.splice(0)) {
    await driver?.stop();
    database.close();
  }
});

function embeddedQueue(): EmbeddedTaskQueue {
  const database = openEmbeddedDatabase({ dataDir: '', inMemory: true });
  opened.push({ database });
  return new EmbeddedTaskQueue({
    database,
    task: 'process-documents',
    visibilityTimeoutSeconds: 0.2,
    maxReceiveCount: 10,
  });
}

type BatchHandler = (event: SQSEvent, context: Context) => unknown;

/** Drives `queue` into `handler`, loaded without a module, as a Lambda handler that returns a promise. */
function drive(queue: ConsumableQueue, handler: BatchHandler, fn: TaskFunction = scriptedTask): QueueDriver {
  const lambda = (event: unknown, context: Context): Promise<unknown> =>
    Promise.resolve().then(() => handler(event as SQSEvent, context));
  const driver = startQueueDriver({
    fn,
    queue,
    loadHandler: () => Promise.resolve(lambda),
    retryDelayMs: { initial: 10, max: 40 },
  });
  const entry = opened.at(-1);
  if (entry) entry.driver = driver;
  return driver;
}

describe('the queue driver', () => {
  it('hands received messages to the function as one SQS batch event', async () => {
    const queue = embeddedQueue();
    const events: SQSEvent[] = [];
    await queue.send(['one', 'two']);

    drive(queue, (event) => void events.push(event));
    await vi.waitFor(() => expect(events).toHaveLength(1));

    expect(events[0]?.Records.map((record) => record.body)).toEqual(['one', 'two']);
  });

  it('invokes the function with its Lambda context', async () => {
    const queue = embeddedQueue();
    const contexts: Context[] = [];
    await queue.send(['one']);

    drive(queue, (_event, context) => void contexts.push(context));
    await vi.waitFor(() => expect(contexts).toHaveLength(1));

    expect(contexts[0]).toMatchObject({ functionName: 'yggdrasil-scripted-task', memoryLimitInMB: '128' });
    expect(contexts[0]?.getRemainingTimeInMillis()).toBeGreaterThan(0);
  });

  it('deletes every record of a batch the function reports no failure for', async () => {
    const queue = embeddedQueue();
    let invocations = 0;
    await queue.send(['one', 'two']);

    drive(queue, () => {
      invocations += 1;
      return { batchItemFailures: [] };
    });
    await vi.waitFor(() => expect(invocations).toBe(1));

    await vi.waitFor(async () => expect(await queue.depth()).toEqual({ visible: 0, inFlight: 0, deadLetters: 0 }));
  });

  it('keeps every record of a batch whose function throws', async () => {
    const queue = embeddedQueue();
    const receiveCounts: string[] = [];
    await queue.send(['one']);

    drive(queue, (event) => {
      receiveCounts.push(event.Records[0]?.attributes.ApproximateReceiveCount ?? '');
      throw new Error('crashed');
    });

    await vi.waitFor(() => expect(receiveCounts.slice(0, 2)).toEqual(['1', '2']));
  });

  it('keeps every record of a batch whose function outlives its timeout', async () => {
    const queue = embeddedQueue();
    const receiveCounts: string[] = [];
    await queue.send(['one']);

    drive(
      queue,
      async (event) => {
        receiveCounts.push(event.Records[0]?.attributes.ApproximateReceiveCount ?? '');
        await new Promise((resolve) => setTimeout(resolve, 150));
      },
      { ...scriptedTask, timeoutSeconds: 0.05 },
    );

    await vi.waitFor(() => expect(receiveCounts.slice(0, 2)).toEqual(['1', '2']));
  });

  it('keeps polling after the queue fails to answer', async () => {
    const queue = embeddedQueue();
    const receive = queue.receive.bind(queue);
    let failuresLeft = 2;
    vi.spyOn(queue, 'receive').mockImplementation(async (...args) => {
      if (failuresLeft-- > 0) throw new Error('queue unreachable');
      return receive(...args);
    });
    const bodies: string[] = [];
    await queue.send(['after the outage']);

    drive(queue, (event) => void bodies.push(...event.Records.map((record) => record.body)));

    await vi.waitFor(() => expect(bodies).toEqual(['after the outage']));
  });

  it('waits for the batch in hand when stopped', async () => {
    const queue = embeddedQueue();
    const steps: string[] = [];
    await queue.send(['one']);
    const driver = drive(queue, async () => {
      steps.push('started');
      await new Promise((resolve) => setTimeout(resolve, 100));
      steps.push('finished');
    });
    await vi.waitFor(() => expect(steps).toContain('started'));

    await driver.stop();

    expect(steps).toEqual(['started', 'finished']);
  });
});
