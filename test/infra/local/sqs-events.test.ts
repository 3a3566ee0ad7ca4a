import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ReceivedMessage } from '#shared/ports/task-queue';
import { processedMessages, toSqsEvent } from '#infra/local/sqs-events';
import { scriptedTask } from './fixtures/manifest.ts';

function message(id: string, overrides: Partial<ReceivedMessage> = {}): ReceivedMessage {
  return {
    messageId: id,
    receiptHandle: `receipt-${id}`,
    body: `{"id":"${id}"}`,
    receiveCount: 1,
    sentAt: new Date('2026-01-01T00:00:00.000Z'),
    firstReceivedAt: new Date('2026-01-01T00:00:01.000Z'),
    ...overrides,
  };
}

const batch = [message('m1'), message('m2'), message('m3')];

describe('toSqsEvent', () => {
  it('makes one record per message, in order', () => {
    const event = toSqsEvent(scriptedTask, batch);

    expect(event.Records.map((record) => record.messageId)).toEqual(['m1', 'm2', 'm3']);
  });

  it('gives each record the shape Lambda gives an SQS record', () => {
    const received = message('m1', { receiveCount: 3 });

    const [record] = toSqsEvent(scriptedTask, [received]).Records;

    expect(record).toEqual({
      messageId: 'm1',
      receiptHandle: 'receipt-m1',
      body: received.body,
      attributes: {
        ApproximateReceiveCount: '3',
        SentTimestamp: String(received.sentAt.getTime()),
        SenderId: '000000000000',
        ApproximateFirstReceiveTimestamp: String(received.firstReceivedAt.getTime()),
      },
      messageAttributes: {},
      md5OfBody: createHash('md5').update(received.body).digest('hex'),
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:local:000000000000:scripted-task',
      awsRegion: 'local',
    });
  });
});

describe('processedMessages', () => {
  it('counts every message as processed when the handler returns nothing', () => {
    expect(processedMessages(batch, undefined)).toEqual(batch);
  });

  it('counts every message as processed when batchItemFailures is empty', () => {
    expect(processedMessages(batch, { batchItemFailures: [] })).toEqual(batch);
  });

  it('keeps back exactly the messages reported as failed', () => {
    const processed = processedMessages(batch, { batchItemFailures: [{ itemIdentifier: 'm2' }] });

    expect(processed.map((each) => each.messageId)).toEqual(['m1', 'm3']);
  });

  it('fails the whole batch when a reported identifier is not in it', () => {
    expect(processedMessages(batch, { batchItemFailures: [{ itemIdentifier: 'elsewhere' }] })).toEqual([]);
  });

  it('fails the whole batch when a reported identifier is empty', () => {
    expect(processedMessages(batch, { batchItemFailures: [{ itemIdentifier: '' }] })).toEqual([]);
  });

  it('fails the whole batch when the response is not an object', () => {
    expect(processedMessages(batch, 'done')).toEqual([]);
  });
});
