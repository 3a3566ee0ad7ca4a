import { setTimeout as sleep } from 'node:timers/promises';
import {
  ChangeMessageVisibilityCommand,
  DeleteMessageBatchCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  StartMessageMoveTaskCommand,
  type BatchResultErrorEntry,
  type Message,
  type QueueAttributeName,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { TaskType } from '#shared/domain/tasks';
import { exhaustedReason } from '#shared/ports/task-queue';
import type {
  ConsumableQueue,
  DeadLetter,
  QueueDepth,
  ReceivedMessage,
  RedriveOutcome,
} from '#shared/ports/task-queue';
import { assertReceivable, assertSendable } from '#shared/ports/queue-message-limits';
import { sendBatches, type BatchEntry } from './send-batches.ts';

export interface SqsTaskQueueOptions {
  readonly task: TaskType;
  readonly queueUrl: string;
  readonly client: SQSClient;
  /** Pauses before each retry of a batch's failed entries; their count is the number of retries. */
  readonly retryDelaysMs?: readonly number[];
}

const DEFAULT_RETRY_DELAYS_MS = [100, 400, 1600];
/** The message attribute that carries why a message was dead-lettered. */
const REASON_ATTRIBUTE = 'reason';
const MAX_REASON_LENGTH = 1000;
const STALE_RECEIPT_ERRORS: ReadonlySet<string> = new Set(['ReceiptHandleIsInvalid', 'MessageNotInflight']);

interface DeadLetterQueue {
  readonly url: string;
  readonly arn: string;
  readonly maxReceiveCount: number;
}
/** How long a dead letter stays hidden from other readers while a redrive moves it. */
const REDRIVE_VISIBILITY_SECONDS = 60;

/** A task type's SQS queue, with the dead-letter queue named by its redrive policy. */
export class SqsTaskQueue implements ConsumableQueue {
  readonly component = 'queue';
  readonly adapter = 'sqs';
  readonly task: TaskType;
  private readonly queueUrl: string;
  private readonly client: SQSClient;
  private readonly retryDelaysMs: readonly number[];
  private deadLetterQueue: Promise<DeadLetterQueue> | undefined;

  constructor(options: SqsTaskQueueOptions) {
    this.task = options.task;
    this.queueUrl = options.queueUrl;
    this.client = options.client;
    this.retryDelaysMs = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  }

  async send(bodies: readonly string[]): Promise<void> {
    assertSendable(bodies);
    const batches = sendBatches(bodies);
    for (const [position, batch] of batches.entries()) {
      const failures = await this.sendBatch(batch);
      if (failures.length === 0) continue;
      const notTried = batches.slice(position + 1).flat().length;
      throw new Error(
        `Could not send ${failures.length + notTried} of ${bodies.length} messages to ${this.queueUrl}: ` +
          describeFailures(failures) +
          (notTried > 0 ? `; the ${notTried} after them were not tried` : ''),
      );
    }
  }

  async receive(maxMessages: number, waitSeconds: number, signal?: AbortSignal): Promise<ReceivedMessage[]> {
    assertReceivable(maxMessages, waitSeconds);
    if (signal?.aborted) return [];
    try {
      const { Messages = [] } = await this.client.send(
        new ReceiveMessageCommand({
          QueueUrl: this.queueUrl,
          MaxNumberOfMessages: maxMessages,
          WaitTimeSeconds: waitSeconds,
          MessageSystemAttributeNames: ['ApproximateReceiveCount', 'SentTimestamp', 'ApproximateFirstReceiveTimestamp'],
        }),
        { abortSignal: signal },
      );
      return Messages.map((message) => toReceivedMessage(message, this.queueUrl));
    } catch (error) {
      if (signal?.aborted) return [];
      throw error;
    }
  }

  async delete(receiptHandle: string): Promise<void> {
    try {
      await this.client.send(new DeleteMessageCommand({ QueueUrl: this.queueUrl, ReceiptHandle: receiptHandle }));
    } catch (error) {
      // SQS no longer knowing the receipt means the message is gone already, which is what delete wants.
      if (error instanceof Error && error.name === 'ReceiptHandleIsInvalid') return;
      throw error;
    }
  }

  async changeVisibility(receiptHandle: string, seconds: number): Promise<void> {
    try {
      await this.client.send(
        new ChangeMessageVisibilityCommand({
          QueueUrl: this.queueUrl,
          ReceiptHandle: receiptHandle,
          VisibilityTimeout: seconds,
        }),
      );
    } catch (error) {
      // The message was deleted or received again meanwhile: its new owner decides its visibility.
      if (error instanceof Error && STALE_RECEIPT_ERRORS.has(error.name)) return;
      throw error;
    }
  }

  async depth(): Promise<QueueDepth> {
    const counts: QueueAttributeName[] = ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'];
    const [queue, deadLetters] = await Promise.all([
      this.attributes(this.queueUrl, counts),
      this.deadLetterQueueOf().then(({ url }) => this.attributes(url, counts)),
    ]);
    return {
      visible: count(queue, 'ApproximateNumberOfMessages'),
      inFlight: count(queue, 'ApproximateNumberOfMessagesNotVisible'),
      deadLetters:
        count(deadLetters, 'ApproximateNumberOfMessages') + count(deadLetters, 'ApproximateNumberOfMessagesNotVisible'),
    };
  }

  async deadLetter(body: string, reason: string): Promise<void> {
    const { url } = await this.deadLetterQueueOf();
    await this.client.send(
      new SendMessageCommand({
        QueueUrl: url,
        MessageBody: body,
        MessageAttributes: {
          [REASON_ATTRIBUTE]: { DataType: 'String', StringValue: reason.slice(0, MAX_REASON_LENGTH) },
        },
      }),
    );
  }

  /**
   * Peeks with a zero visibility timeout, so listing hides nothing from a redrive; a receive may return a
   * message seen already, so they are collected by id until a receive brings nothing new.
   */
  async deadLetters(limit: number): Promise<DeadLetter[]> {
    const { url, maxReceiveCount } = await this.deadLetterQueueOf();
    const found = new Map<string, DeadLetter>();
    while (found.size < limit) {
      const { Messages = [] } = await this.client.send(
        new ReceiveMessageCommand({
          QueueUrl: url,
          MaxNumberOfMessages: Math.min(10, limit - found.size),
          WaitTimeSeconds: 1,
          VisibilityTimeout: 0,
          MessageAttributeNames: [REASON_ATTRIBUTE],
          MessageSystemAttributeNames: ['SentTimestamp'],
        }),
      );
      const fresh = Messages.filter((message) => message.MessageId && !found.has(message.MessageId));
      if (fresh.length === 0) break;
      for (const message of fresh) {
        found.set(required(message.MessageId, 'MessageId', url), {
          messageId: required(message.MessageId, 'MessageId', url),
          body: required(message.Body, 'Body', url),
          reason: message.MessageAttributes?.[REASON_ATTRIBUTE]?.StringValue ?? exhaustedReason(maxReceiveCount),
          sentAt: new Date(Number(message.Attributes?.SentTimestamp ?? 0)),
        });
      }
    }
    return [...found.values()].sort((a, b) => a.sentAt.getTime() - b.sentAt.getTime()).slice(0, limit);
  }

  /**
   * SQS's own redrive (`StartMessageMoveTask`), which moves every dead letter back asynchronously, at
   * source speed. Where the endpoint does not offer it (moto), the messages are moved by hand.
   */
  async redrive(): Promise<RedriveOutcome> {
    const { url, arn } = await this.deadLetterQueueOf();
    try {
      const { TaskHandle } = await this.client.send(new StartMessageMoveTaskCommand({ SourceArn: arn }));
      return { kind: 'move-task', taskHandle: required(TaskHandle, 'TaskHandle', url) };
    } catch (error) {
      if (!isUnsupportedOperation(error)) throw error;
    }
    return { kind: 'moved', moved: await this.moveByHand(url) };
  }

  /**
   * Receives from the dead-letter queue, sends to this queue, then deletes from the dead-letter queue, so a
   * failure part-way leaves a message in both queues (delivered twice), never in neither.
   */
  private async moveByHand(deadLetterQueueUrl: string): Promise<number> {
    let moved = 0;
    for (;;) {
      // A long poll, however short, asks every SQS server; a short poll can miss the last few messages.
      const { Messages = [] } = await this.client.send(
        new ReceiveMessageCommand({
          QueueUrl: deadLetterQueueUrl,
          MaxNumberOfMessages: 10,
          WaitTimeSeconds: 1,
          VisibilityTimeout: REDRIVE_VISIBILITY_SECONDS,
        }),
      );
      if (Messages.length === 0) return moved;
      await this.send(Messages.map((message) => required(message.Body, 'Body', deadLetterQueueUrl)));
      const { Failed = [] } = await this.client.send(
        new DeleteMessageBatchCommand({
          QueueUrl: deadLetterQueueUrl,
          Entries: Messages.map((message, index) => ({
            Id: String(index),
            ReceiptHandle: required(message.ReceiptHandle, 'ReceiptHandle', deadLetterQueueUrl),
          })),
        }),
      );
      if (Failed.length > 0) {
        throw new Error(
          `Redrive from ${deadLetterQueueUrl} sent ${moved + Messages.length} messages back to ${this.queueUrl}, ` +
            `but ${Failed.length} could not be deleted from the dead-letter queue (${describeFailures(Failed)}); ` +
            'they will be redriven again',
        );
      }
      moved += Messages.length;
    }
  }

  async check(): Promise<void> {
    await this.attributes(this.queueUrl, ['QueueArn']);
  }

  /** Sends one batch, retrying only the entries SQS reports as failed on its side; returns what still failed. */
  private async sendBatch(batch: readonly BatchEntry[]): Promise<Partial<BatchResultErrorEntry>[]> {
    let pending = batch;
    for (let attempt = 0; ; attempt += 1) {
      const { Successful = [], Failed = [] } = await this.client.send(
        new SendMessageBatchCommand({
          QueueUrl: this.queueUrl,
          Entries: pending.map((entry) => ({ Id: String(entry.index), MessageBody: entry.body })),
        }),
      );
      // Anything SQS did not confirm counts as not sent, even if it is missing from `Failed` too.
      const sent = new Set(Successful.map((entry) => entry.Id));
      pending = pending.filter((entry) => !sent.has(String(entry.index)));
      if (pending.length === 0) return [];
      const failures: Partial<BatchResultErrorEntry>[] = pending.map(
        (entry) => Failed.find((failure) => failure.Id === String(entry.index)) ?? { Id: String(entry.index) },
      );
      const delay = this.retryDelaysMs[attempt];
      if (delay === undefined || failures.some((failure) => failure.SenderFault)) return failures;
      await sleep(delay);
    }
  }

  private deadLetterQueueOf(): Promise<DeadLetterQueue> {
    this.deadLetterQueue ??= this.findDeadLetterQueue().catch((error: unknown) => {
      this.deadLetterQueue = undefined;
      throw error;
    });
    return this.deadLetterQueue;
  }

  private async findDeadLetterQueue(): Promise<DeadLetterQueue> {
    const { RedrivePolicy } = await this.attributes(this.queueUrl, ['RedrivePolicy']);
    if (!RedrivePolicy) throw new Error(`Queue ${this.queueUrl} has no redrive policy, so no dead-letter queue`);
    const { deadLetterTargetArn, maxReceiveCount } = JSON.parse(RedrivePolicy) as {
      deadLetterTargetArn?: string;
      maxReceiveCount?: number | string;
    };
    // arn:aws:sqs:<region>:<account>:<name>
    const [, , , , account, name] = deadLetterTargetArn?.split(':') ?? [];
    if (!account || !name) throw new Error(`Queue ${this.queueUrl} has a malformed redrive policy: ${RedrivePolicy}`);
    const { QueueUrl } = await this.client.send(
      new GetQueueUrlCommand({ QueueName: name, QueueOwnerAWSAccountId: account }),
    );
    return {
      url: required(QueueUrl, 'QueueUrl', name),
      arn: required(deadLetterTargetArn, 'deadLetterTargetArn', this.queueUrl),
      maxReceiveCount: Number(maxReceiveCount),
    };
  }

  private async attributes(
    queueUrl: string,
    names: QueueAttributeName[],
  ): Promise<Partial<Record<QueueAttributeName, string>>> {
    const { Attributes = {} } = await this.client.send(
      new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: names }),
    );
    return Attributes;
  }
}

function toReceivedMessage(message: Message, queueUrl: string): ReceivedMessage {
  const attributes = message.Attributes ?? {};
  const timestamp = (name: 'SentTimestamp' | 'ApproximateFirstReceiveTimestamp'): Date =>
    new Date(Number(required(attributes[name], name, queueUrl)));
  return {
    messageId: required(message.MessageId, 'MessageId', queueUrl),
    receiptHandle: required(message.ReceiptHandle, 'ReceiptHandle', queueUrl),
    body: required(message.Body, 'Body', queueUrl),
    receiveCount: Number(required(attributes.ApproximateReceiveCount, 'ApproximateReceiveCount', queueUrl)),
    sentAt: timestamp('SentTimestamp'),
    firstReceivedAt: timestamp('ApproximateFirstReceiveTimestamp'),
  };
}

/**
 * An endpoint without the operation: moto (5.2) answers `StartMessageMoveTask` with an HTML "not yet
 * implemented" page, which the SDK cannot parse; others say so with 501 or an error name.
 */
function isUnsupportedOperation(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  return (
    status === 501 ||
    error instanceof SyntaxError ||
    /not (yet )?implemented|InvalidAction|UnsupportedOperation|UnknownOperation/i.test(`${error.name} ${error.message}`)
  );
}

function count(attributes: Partial<Record<QueueAttributeName, string>>, name: QueueAttributeName): number {
  return Number(attributes[name] ?? 0);
}

function required<T>(value: T | undefined, field: string, source: string): T {
  if (value === undefined) throw new Error(`SQS returned no ${field} for ${source}`);
  return value;
}

function describeFailures(failures: readonly Partial<BatchResultErrorEntry>[]): string {
  return failures
    .map(
      (failure) =>
        `entry ${failure.Id}: ${failure.Code ?? 'no result'}${failure.Message ? ` (${failure.Message})` : ''}`,
    )
    .join('; ');
}
