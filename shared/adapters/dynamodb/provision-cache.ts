import { CreateTableCommand, DescribeTableCommand, UpdateTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { CACHE_TABLE_LAYOUT } from './cache.ts';

const ACTIVE_TIMEOUT_MS = 60_000;

/**
 * Creates a cache table as the CDK app should (on demand, keyed by the string `key`, TTL on `expiresAt`) and
 * waits until it is ACTIVE. For tests and the local runtime against a DynamoDB endpoint; the cloud's tables
 * come from CDK.
 *
 * @example
 * await createCacheTable(dynamoDocumentClient(), 'cache-test-1');
 */
export async function createCacheTable(client: DynamoDBDocumentClient, name: string): Promise<void> {
  await client.send(
    new CreateTableCommand({
      TableName: name,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: CACHE_TABLE_LAYOUT.partitionKey, AttributeType: 'S' }],
      KeySchema: [{ AttributeName: CACHE_TABLE_LAYOUT.partitionKey, KeyType: 'HASH' }],
    }),
  );
  const deadline = Date.now() + ACTIVE_TIMEOUT_MS;
  for (;;) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: name }));
    if (Table?.TableStatus === 'ACTIVE') break;
    if (Date.now() > deadline) throw new Error(`Table '${name}' is not ACTIVE after ${ACTIVE_TIMEOUT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await client.send(
    new UpdateTimeToLiveCommand({
      TableName: name,
      TimeToLiveSpecification: { AttributeName: CACHE_TABLE_LAYOUT.ttlAttribute, Enabled: true },
    }),
  );
}
