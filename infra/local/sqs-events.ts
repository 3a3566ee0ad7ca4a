import { createHash } from 'node:crypto';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import type { TaskFunction } from '#functions/manifest';
import type { ReceivedMessage } from '#shared/ports/task-queue';
import { LOCAL_ACCOUNT_ID, LOCAL_REGION } from './lambda-context.ts';

/**
 * The SQS batch event Lambda's event source mapping would send `fn` for these messages.
 *
 * @example
 * const event = toSqsEvent(taskFunctions.processDocuments, await queue.receive(5, 1));
 */
export function toSqsEvent(fn: TaskFunction, messages: readonly ReceivedMessage[]): SQSEvent {
  const eventSourceARN = `arn:aws:sqs:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:${fn.name}`;
  return { Records: messages.map((message) => toSqsRecord(message, eventSourceARN)) };
}

function toSqsRecord(message: ReceivedMessage, eventSourceARN: string): SQSRecord {
  return {
    messageId: message.messageId,
    receiptHandle: message.receiptHandle,
    body: message.body,
    attributes: {
      ApproximateReceiveCount: String(message.receiveCount),
      SentTimestamp: String(message.sentAt.getTime()),
      SenderId: LOCAL_ACCOUNT_ID,
      ApproximateFirstReceiveTimestamp: String(message.firstReceivedAt.getTime()),
    },
    messageAttributes: {},
    md5OfBody: createHash('md5').update(message.body, 'utf8').digest('hex'),
    eventSource: 'aws:sqs',
    eventSourceARN,
    awsRegion: LOCAL_REGION,
  };
}

/**
 * The messages a handler's response reports as processed, by Lambda's `ReportBatchItemFailures` rules: every
 * message not named in `batchItemFailures`; none at all when the response names an identifier that is empty
 * or not in the batch, or is not a response object.
 */
export function processedMessages(messages: readonly ReceivedMessage[], response: unknown): readonly ReceivedMessage[] {
  if (response === undefined || response === null) return messages;
  if (typeof response !== 'object') return [];
  const failures = (response as { batchItemFailures?: unknown }).batchItemFailures;
  if (failures === undefined || failures === null) return messages;
  if (!Array.isArray(failures)) return [];
  const inBatch = new Set(messages.map((message) => message.messageId));
  const failed = new Set<string>();
  for (const failure of failures as unknown[]) {
    const identifier = (failure as { itemIdentifier?: unknown } | null)?.itemIdentifier;
    if (typeof identifier !== 'string' || !inBatch.has(identifier)) return [];
    failed.add(identifier);
  }
  return messages.filter((message) => !failed.has(message.messageId));
}
