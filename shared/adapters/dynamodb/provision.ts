import { CreateTableCommand, DescribeTableCommand, UpdateTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

const ACTIVE_TIMEOUT_MS = 60_000;

/**
 * Creates a progress table as the CDK app does (on demand, keyed by `taskId`, TTL on `expiresAt`) and
 * waits until it is ACTIVE. For tests and the local runtime against a DynamoDB endpoint; the cloud's
 * tables come from CDK.
 *
 * @example
 * await createProgressTable(dynamoDocumentClient(), 'progress-test-1');
 */
export async function createProgressTable(client: DynamoDBDocumentClient, name: string): Promise<void> {
  await client.send(
    new CreateTableCommand({
      TableName: name,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'taskId', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'taskId', KeyType: 'HASH' }],
    }),
  );
  await waitUntilActive(client, name, ACTIVE_TIMEOUT_MS);
  await client.send(
    new UpdateTimeToLiveCommand({
      TableName: name,
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    }),
  );
}

async function waitUntilActive(client: DynamoDBDocumentClient, name: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: name }));
    if (Table?.TableStatus === 'ACTIVE') return;
    if (Date.now() > deadline) throw new Error(`Table '${name}' is not ACTIVE after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
