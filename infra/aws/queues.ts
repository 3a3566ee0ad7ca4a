import { Duration } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { QueueSettings } from '#functions/manifest';

export interface TaskQueueProps {
  readonly settings: QueueSettings;
}

/**
 * The queue of one task type with its dead-letter queue: encrypted, TLS only, and a message that fails
 * `maxReceiveCount` deliveries moves to the dead-letter queue to be inspected and redriven.
 */
export class TaskQueue extends Construct {
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;
  private readonly settings: QueueSettings;

  constructor(scope: Construct, id: string, props: TaskQueueProps) {
    super(scope, id);
    this.settings = props.settings;
    this.deadLetterQueue = new Queue(this, 'DeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(props.settings.deadLetterRetentionDays),
    });
    this.queue = new Queue(this, 'Queue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: Duration.seconds(props.settings.visibilityTimeoutSeconds),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: props.settings.maxReceiveCount },
    });
  }

  /**
   * Makes `handler` consume the queue in batches (size and window from the manifest) that report partial
   * failures, so one bad message does not send its whole batch back. The poller's `MaximumConcurrency` is
   * the queue's priority; it never exceeds `reservedConcurrency`, or throttled batches would count towards
   * `maxReceiveCount` and land healthy messages in the dead-letter queue.
   */
  consumeWith(handler: IFunction, reservedConcurrency?: number): void {
    const { batchSize, batchWindowSeconds, maxConcurrency } = this.settings;
    if (reservedConcurrency !== undefined && maxConcurrency > reservedConcurrency) {
      throw new Error(`maxConcurrency ${maxConcurrency} exceeds the reserved concurrency ${reservedConcurrency}`);
    }
    handler.addEventSource(
      new SqsEventSource(this.queue, {
        batchSize,
        maxBatchingWindow: batchWindowSeconds > 0 ? Duration.seconds(batchWindowSeconds) : undefined,
        reportBatchItemFailures: true,
        maxConcurrency,
      }),
    );
  }

  /**
   * What the queue's own task function needs beyond consuming: schedule retries (visibility per record),
   * requeue the remainder past the soft time limit, dead-letter a message that can never succeed, and
   * find the dead-letter queue from the redrive policy.
   */
  grantTaskControl(handler: IFunction): void {
    this.queue.grant(handler, 'sqs:ChangeMessageVisibility', 'sqs:SendMessage', 'sqs:GetQueueAttributes');
    this.deadLetterQueue.grant(handler, 'sqs:SendMessage', 'sqs:GetQueueUrl');
  }
}
