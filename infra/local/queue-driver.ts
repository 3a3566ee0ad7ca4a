import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { TaskFunction } from '#functions/manifest';
import { MAX_RECEIVE_MESSAGES } from '#shared/ports/queue-message-limits';
import type { ConsumableQueue, ReceivedMessage } from '#shared/ports/task-queue';
import type { HandlerLoader } from './handler-modules.ts';
import { invoke } from './invocation.ts';
import { lambdaContext } from './lambda-context.ts';
import { PendingWork } from './pending-work.ts';
import { runtimeLogger } from './runtime-logger.ts';
import { processedMessages, toSqsEvent } from './sqs-events.ts';

export interface QueueDriverOptions {
  readonly fn: TaskFunction;
  readonly queue: ConsumableQueue;
  readonly loadHandler: HandlerLoader;
  /** Long-poll wait of each receive. @default 1 */
  readonly waitSeconds?: number;
  /** Pause after a failed poll, doubled after each further failure up to `max`. @default { initial: 1000, max: 30000 } */
  readonly retryDelayMs?: { readonly initial: number; readonly max: number };
}

export interface QueueDriver {
  /** Stops polling and resolves once the batch in hand, and any timed-out invocation, has settled. */
  stop(): Promise<void>;
}

/**
 * Lambda's SQS event source mapping with `ReportBatchItemFailures`, for one task function: up to the
 * queue's `maxConcurrency` pollers each receive a batch (`batchSize` messages, or what came within
 * `batchWindowSeconds`), invoke the function under its timeout, and delete exactly the records it did not
 * report as failed. A throw or a timeout deletes none. Records left undeleted come back after the
 * visibility timeout, and reach the dead letters after `maxReceiveCount` deliveries: the queue sees to
 * that, as SQS does.
 *
 * @example
 * const driver = startQueueDriver({ fn, queue: taskQueue(fn), loadHandler: handlerLoader() });
 * await driver.stop();
 */
export function startQueueDriver(options: QueueDriverOptions): QueueDriver {
  const stopping = new AbortController();
  const abandoned = new PendingWork();
  const pollers = Math.max(1, options.fn.queue.maxConcurrency);
  const polling = Promise.all(
    Array.from({ length: pollers }, () => pollUntilStopped(options, stopping.signal, abandoned)),
  );
  return {
    stop: async () => {
      stopping.abort();
      await polling;
      await abandoned.settled();
    },
  };
}

async function pollUntilStopped(
  options: QueueDriverOptions,
  signal: AbortSignal,
  abandoned: PendingWork,
): Promise<void> {
  const { fn, queue } = options;
  const batchSize = Math.min(fn.queue.batchSize, MAX_RECEIVE_MESSAGES);
  const retry = options.retryDelayMs ?? { initial: 1000, max: 30_000 };
  let failedPolls = 0;
  while (!signal.aborted) {
    let messages: ReceivedMessage[];
    try {
      messages = await receiveBatch(queue, batchSize, fn.queue.batchWindowSeconds, options.waitSeconds ?? 1, signal);
      failedPolls = 0;
    } catch (error) {
      const retryInMs = Math.min(retry.initial * 2 ** failedPolls, retry.max);
      failedPolls += 1;
      runtimeLogger.warn('queue poll failed; retrying', {
        function: fn.name,
        task: fn.task,
        retryInMs,
        error: error as Error,
      });
      await sleep(retryInMs, undefined, { signal }).catch(() => undefined);
      continue;
    }
    if (messages.length > 0) await deliverBatch(options, messages, abandoned);
  }
}

/**
 * A batch as the event source mapping gathers one: the first message by long poll, then more until the
 * batch is full or the batching window, counted from the first message, has passed.
 */
async function receiveBatch(
  queue: ConsumableQueue,
  batchSize: number,
  windowSeconds: number,
  waitSeconds: number,
  signal: AbortSignal,
): Promise<ReceivedMessage[]> {
  const messages = await queue.receive(batchSize, waitSeconds, signal);
  const windowEnds = performance.now() + windowSeconds * 1000;
  while (messages.length > 0 && messages.length < batchSize && !signal.aborted) {
    const left = windowEnds - performance.now();
    if (left <= 0) break;
    // Whole seconds are what receive takes; a short window polls without waiting and pauses briefly.
    const more = await queue.receive(batchSize - messages.length, 0, signal);
    if (more.length === 0) await sleep(Math.min(left, WINDOW_POLL_MS), undefined, { signal }).catch(() => undefined);
    messages.push(...more);
  }
  return messages;
}

/** How often a batching window looks for more messages. */
const WINDOW_POLL_MS = 50;

async function deliverBatch(
  options: QueueDriverOptions,
  messages: readonly ReceivedMessage[],
  abandoned: PendingWork,
): Promise<void> {
  const { fn, queue } = options;
  const started = performance.now();
  const requestId = randomUUID();
  const labels = { function: fn.name, task: fn.task, requestId, records: messages.length };
  let handler;
  try {
    handler = await options.loadHandler(fn);
  } catch (error) {
    runtimeLogger.error('task function could not be loaded; its batch comes back after the visibility timeout', {
      ...labels,
      error: error as Error,
    });
    return;
  }
  const context = lambdaContext(fn, requestId, Date.now() + fn.timeoutSeconds * 1000);
  const invocation = invoke(handler, toSqsEvent(fn, messages), context);
  const outcome = await invocation.outcome;
  if (outcome.kind === 'threw') {
    runtimeLogger.error('task function threw; no record of its batch is deleted', {
      ...labels,
      error: outcome.error as Error,
    });
  } else if (outcome.kind === 'timed-out') {
    abandoned.track(invocation.settled);
    runtimeLogger.warn('task function timed out; no record of its batch is deleted', {
      ...labels,
      timeoutSeconds: fn.timeoutSeconds,
    });
  }
  const processed = outcome.kind === 'returned' ? processedMessages(messages, outcome.value) : [];
  const deletions = await Promise.allSettled(processed.map((message) => queue.delete(message.receiptHandle)));
  for (const [index, deletion] of deletions.entries()) {
    if (deletion.status === 'fulfilled') continue;
    runtimeLogger.warn('processed record could not be deleted; it will be delivered again', {
      ...labels,
      messageId: processed[index]?.messageId,
      error: deletion.reason as Error,
    });
  }
  runtimeLogger.debug('task batch', {
    ...labels,
    outcome: outcome.kind,
    deleted: processed.length,
    retained: messages.length - processed.length,
    durationMs: Math.round((performance.now() - started) * 1000) / 1000,
  });
}
