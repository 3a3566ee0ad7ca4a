import middy from '@middy/core';
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type * as z from 'zod/mini';
import type { TaskFunction } from '#shared/function-definitions';
import { taskQueue } from '#shared/container/queues';
import type { TaskRetry } from '#shared/domain/tasks';
import { fieldErrors } from '#shared/http/validation';
import { logger } from '#shared/observability/logger';
import { METRIC, metrics, MetricUnit } from '#shared/observability/metrics';
import type { ConsumableQueue } from '#shared/ports/task-queue';
import { retryDelaySeconds } from './backoff.ts';
import { classifyFailure, describeFailure, MalformedMessageError } from './failures.ts';

export { MalformedMessageError } from './failures.ts';

/** What a record handler knows about its delivery besides the message. */
export interface RecordContext {
  readonly record: SQSRecord;
  /** This delivery's number, from 1 (SQS's `ApproximateReceiveCount`). */
  readonly attempt: number;
  /** Epoch milliseconds of the soft time limit: past it, checkpoint and `requeue` the rest. */
  readonly softDeadline: number;
  /** Sends a message with the work still to do onto this task's queue. */
  requeue(body: string): Promise<void>;
}

export type RecordHandler<M> = (message: M, context: RecordContext) => Promise<void>;

/** What a task adds to the stack's retry and dead-letter handling. */
export interface TaskHooks<M> {
  /** Before a retry is scheduled: e.g. mark the task's record RETRY. Its failure does not stop the retry. */
  onRetry?(message: M, retry: TaskRetry): Promise<void>;
  /**
   * Before the message goes to the dead letters: e.g. record the items it leaves undone. Returns the body
   * to dead-letter (what is left to redo), or undefined for the body as received.
   */
  onGiveUp?(message: M, reason: string): Promise<string | undefined>;
  /** The task's own queue, for visibility changes, requeues and dead letters. @default the container's */
  readonly queue?: () => ConsumableQueue;
}

/**
 * The one stack of every queue task, Celery's promises on SQS: one record at a time through Powertools'
 * BatchProcessor, failures reported per record (`ReportBatchItemFailures`), one log line and metrics per
 * record. A failure that may pass (`classifyFailure`) is retried with exponential backoff and full jitter
 * by changing that record's visibility, up to the queue's `maxRetries`; then, or at once for a failure that
 * cannot pass, the message goes to the dead letters with the reason and its delivery is deleted.
 */
export function taskFunction<S extends z.ZodMiniType>(
  fn: TaskFunction,
  schema: S,
  handleMessage: RecordHandler<z.output<S>>,
  hooks: TaskHooks<z.output<S>> = {},
) {
  const processor = new BatchProcessor(EventType.SQS);
  const queueOf = hooks.queue ?? (() => taskQueue(fn));
  const softMarginMs = (fn.timeoutSeconds - fn.queue.softTimeLimitSeconds) * 1000;

  const handleRecord = async (record: SQSRecord, context: Context): Promise<void> => {
    const started = performance.now();
    const attempt = Number(record.attributes.ApproximateReceiveCount);
    const labels = { task: fn.task, messageId: record.messageId, attempt };
    metrics.addMetric(
      METRIC.taskMessageAge,
      MetricUnit.Milliseconds,
      Date.now() - Number(record.attributes.SentTimestamp),
    );
    let message: z.output<S> | undefined;
    try {
      message = parseMessage(schema, record.body);
      await handleMessage(message, {
        record,
        attempt,
        softDeadline: Date.now() + context.getRemainingTimeInMillis() - softMarginMs,
        requeue: (body) => queueOf().send([body]),
      });
      logger.info('task record', { ...labels, taskId: taskIdOf(message), outcome: 'success', durationMs: ms(started) });
      metrics.addMetric(METRIC.taskRecords, MetricUnit.Count, 1);
    } catch (error) {
      const reason = describeFailure(error);
      const log = { ...labels, taskId: taskIdOf(message), durationMs: ms(started), error: error as Error };
      metrics.addMetric(METRIC.taskRecordFailures, MetricUnit.Count, 1);
      if (classifyFailure(error) === 'retry' && attempt <= fn.queue.maxRetries) {
        const delaySeconds = retryDelaySeconds(attempt, fn.queue.retryBackoff);
        const retry = { attempt, nextAttemptAt: new Date(Date.now() + delaySeconds * 1000), error: reason };
        if (message !== undefined && hooks.onRetry) await bestEffort('mark retry', hooks.onRetry(message, retry), log);
        await bestEffort('schedule retry', queueOf().changeVisibility(record.receiptHandle, delaySeconds), log);
        metrics.addMetric(METRIC.tasksRetried, MetricUnit.Count, 1);
        logger.warn('task record failed; retrying', { ...log, outcome: 'retry', retryInSeconds: delaySeconds });
        throw error;
      }
      const why =
        classifyFailure(error) === 'retry'
          ? `gave up after ${attempt} attempts: ${reason}`
          : `cannot succeed: ${reason}`;
      const body = (message !== undefined && (await hooks.onGiveUp?.(message, why))) || record.body;
      await queueOf().deadLetter(body, why);
      metrics.addMetric(METRIC.taskMessagesDeadLettered, MetricUnit.Count, 1);
      logger.error('task record dead-lettered', { ...log, outcome: 'dead-letter', reason: why });
    } finally {
      metrics.addMetric(METRIC.taskRecordDuration, MetricUnit.Milliseconds, ms(started));
    }
  };

  return middy<SQSEvent, SQSBatchResponse>()
    .use(injectLambdaContext(logger, { logEvent: false }))
    .use(logMetrics(metrics, { captureColdStartMetric: true }))
    .handler(async (event, context) => {
      metrics.addDimension('task', fn.task);
      return processPartialResponse(event, (record: SQSRecord) => handleRecord(record, context), processor, {
        context,
        throwOnFullBatchFailure: false,
      });
    });
}

/** Runs a step whose failure must not stop what follows; logs it instead. */
async function bestEffort(step: string, work: Promise<unknown>, labels: Record<string, unknown>): Promise<void> {
  try {
    await work;
  } catch (error) {
    logger.warn(`task record: could not ${step}`, { ...labels, stepError: error as Error });
  }
}

function taskIdOf(message: unknown): string | undefined {
  const taskId = (message as { taskId?: unknown } | undefined)?.taskId;
  return typeof taskId === 'string' ? taskId : undefined;
}

function parseMessage<S extends z.ZodMiniType>(schema: S, body: string): z.output<S> {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new MalformedMessageError('Message body is not JSON');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const first = fieldErrors(parsed.error)[0];
    throw new MalformedMessageError(
      `Message does not match the task's schema${first ? `: ${first.field}: ${first.message}` : ''}`,
    );
  }
  return parsed.data;
}

function ms(started: number): number {
  return Math.round((performance.now() - started) * 1000) / 1000;
}
