import middy from '@middy/core';
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type * as z from 'zod';
import type { TaskFunction } from '#shared/function-definitions';
import { fieldErrors } from '#shared/http/validation';
import { logger } from '#shared/observability/logger';
import { METRIC, metrics, MetricUnit } from '#shared/observability/metrics';

/** A message that can never succeed: its body is not what the task expects. Retries end in the DLQ. */
export class MalformedMessageError extends Error {
  override name = 'MalformedMessageError';
}

export type RecordHandler<M> = (message: M, record: SQSRecord) => Promise<void>;

/**
 * The one stack of every queue task: one record at a time through Powertools' BatchProcessor, failures
 * reported per record (`ReportBatchItemFailures`), one log line and metrics per record.
 */
export function taskFunction<S extends z.ZodType>(
  fn: TaskFunction,
  schema: S,
  handleMessage: RecordHandler<z.output<S>>,
) {
  const processor = new BatchProcessor(EventType.SQS);

  const handleRecord = async (record: SQSRecord): Promise<void> => {
    const started = performance.now();
    const receiveCount = Number(record.attributes.ApproximateReceiveCount);
    let taskId: string | undefined;
    try {
      const message = parseMessage(schema, record.body);
      taskId = (message as { taskId?: string }).taskId;
      await handleMessage(message, record);
      logger.info('task record', {
        task: fn.task,
        taskId,
        messageId: record.messageId,
        receiveCount,
        outcome: 'success',
        durationMs: ms(started),
      });
      metrics.addMetric(METRIC.taskRecords, MetricUnit.Count, 1);
    } catch (error) {
      logger.error('task record failed', {
        task: fn.task,
        taskId,
        messageId: record.messageId,
        receiveCount,
        outcome: 'failure',
        durationMs: ms(started),
        error: error as Error,
      });
      metrics.addMetric(METRIC.taskRecordFailures, MetricUnit.Count, 1);
      throw error;
    } finally {
      metrics.addMetric(METRIC.taskRecordDuration, MetricUnit.Milliseconds, ms(started));
    }
  };

  return middy<SQSEvent, SQSBatchResponse>()
    .use(injectLambdaContext(logger, { logEvent: false }))
    .use(logMetrics(metrics, { captureColdStartMetric: true }))
    .handler(async (event, context) => {
      metrics.addDimension('task', fn.task);
      return processPartialResponse(event, handleRecord, processor, { context, throwOnFullBatchFailure: false });
    });
}

function parseMessage<S extends z.ZodType>(schema: S, body: string): z.output<S> {
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
