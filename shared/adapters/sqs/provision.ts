import { CreateQueueCommand, GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { QueueSettings } from '#shared/function-definitions';

const SECONDS_PER_DAY = 86_400;
/** SQS keeps a message at most 14 days. */
const MAX_RETENTION_SECONDS = 14 * SECONDS_PER_DAY;

/**
 * Creates (or finds, if it exists with the same settings) a task queue and its dead-letter queue
 * `<name>-dlq`, wired by a redrive policy, for the local runtime and tests on a real SQS or moto. The cloud
 * gets the same queues from the CDK app.
 *
 * @example
 * const { queueUrl } = await createQueueWithDeadLetters(sqsClient(), 'process-documents', taskFunctionFor('process-documents').queue);
 */
export async function createQueueWithDeadLetters(
  client: SQSClient,
  name: string,
  settings: Pick<QueueSettings, 'visibilityTimeoutSeconds' | 'maxReceiveCount' | 'deadLetterRetentionDays'>,
): Promise<{ queueUrl: string; deadLetterQueueUrl: string }> {
  const retentionSeconds = Math.min(settings.deadLetterRetentionDays * SECONDS_PER_DAY, MAX_RETENTION_SECONDS);
  const deadLetterQueueUrl = queueUrlOf(
    await client.send(
      new CreateQueueCommand({
        QueueName: `${name}-dlq`,
        Attributes: { MessageRetentionPeriod: String(retentionSeconds) },
      }),
    ),
    `${name}-dlq`,
  );
  const { Attributes } = await client.send(
    new GetQueueAttributesCommand({ QueueUrl: deadLetterQueueUrl, AttributeNames: ['QueueArn'] }),
  );
  const deadLetterTargetArn = Attributes?.QueueArn;
  if (!deadLetterTargetArn) throw new Error(`SQS returned no QueueArn for ${deadLetterQueueUrl}`);
  const queueUrl = queueUrlOf(
    await client.send(
      new CreateQueueCommand({
        QueueName: name,
        Attributes: {
          VisibilityTimeout: String(settings.visibilityTimeoutSeconds),
          RedrivePolicy: JSON.stringify({ deadLetterTargetArn, maxReceiveCount: settings.maxReceiveCount }),
        },
      }),
    ),
    name,
  );
  return { queueUrl, deadLetterQueueUrl };
}

function queueUrlOf(output: { QueueUrl?: string | undefined }, name: string): string {
  if (!output.QueueUrl) throw new Error(`SQS created queue ${name} but returned no QueueUrl`);
  return output.QueueUrl;
}
