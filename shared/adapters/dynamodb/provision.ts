import { CreateTableCommand, DescribeTableCommand, UpdateTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { CACHE_TABLE_LAYOUT } from './cache.ts';
import { PROGRESS_TABLE_LAYOUT } from './progress-store.ts';

const ACTIVE_TIMEOUT_MS = 60_000;

/**
 * Creates a table, waits until it and its indexes are ACTIVE, then turns TTL on for `ttlAttribute`. The one
 * way tables are made outside CDK: for tests and the local runtime against moto or LocalStack.
 */
export async function createTable(
  client: DynamoDBDocumentClient,
  input: CreateTableCommandInput & { TableName: string },
  ttlAttribute?: string,
): Promise<void> {
  await client.send(new CreateTableCommand(input));
  const deadline = Date.now() + ACTIVE_TIMEOUT_MS;
  for (;;) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: input.TableName }));
    const indexesActive = (Table?.GlobalSecondaryIndexes ?? []).every((index) => index.IndexStatus === 'ACTIVE');
    if (Table?.TableStatus === 'ACTIVE' && indexesActive) break;
    if (Date.now() > deadline)
      throw new Error(`Table '${input.TableName}' is not ACTIVE after ${ACTIVE_TIMEOUT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  if (ttlAttribute === undefined) return;
  await client.send(
    new UpdateTimeToLiveCommand({
      TableName: input.TableName,
      TimeToLiveSpecification: { AttributeName: ttlAttribute, Enabled: true },
    }),
  );
}

/**
 * A progress table as the CDK app makes it: on demand, keyed by `taskId`, TTL on `expiresAt`, with the
 * `bySubmitter` and `byDay` indexes that list tasks newest first.
 *
 * @example
 * await createProgressTable(dynamoDocumentClient(), 'progress-test-1');
 */
export async function createProgressTable(client: DynamoDBDocumentClient, name: string): Promise<void> {
  const { partitionKey, ttlAttribute, bySubmitterIndex, byDayIndex } = PROGRESS_TABLE_LAYOUT;
  const index = (layout: typeof bySubmitterIndex | typeof byDayIndex) => ({
    IndexName: layout.name,
    KeySchema: [
      { AttributeName: layout.partitionKey, KeyType: 'HASH' as const },
      { AttributeName: layout.sortKey, KeyType: 'RANGE' as const },
    ],
    Projection: { ProjectionType: 'ALL' as const },
  });
  await createTable(
    client,
    {
      TableName: name,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: partitionKey, AttributeType: 'S' },
        { AttributeName: bySubmitterIndex.partitionKey, AttributeType: 'S' },
        { AttributeName: byDayIndex.partitionKey, AttributeType: 'S' },
        { AttributeName: bySubmitterIndex.sortKey, AttributeType: 'S' },
      ],
      KeySchema: [{ AttributeName: partitionKey, KeyType: 'HASH' }],
      GlobalSecondaryIndexes: [index(bySubmitterIndex), index(byDayIndex)],
    },
    ttlAttribute,
  );
}

/** A cache table as the CDK app makes it: on demand, keyed by the string `key`, TTL on `expiresAt`. */
export async function createCacheTable(client: DynamoDBDocumentClient, name: string): Promise<void> {
  await createTable(
    client,
    {
      TableName: name,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: CACHE_TABLE_LAYOUT.partitionKey, AttributeType: 'S' }],
      KeySchema: [{ AttributeName: CACHE_TABLE_LAYOUT.partitionKey, KeyType: 'HASH' }],
    },
    CACHE_TABLE_LAYOUT.ttlAttribute,
  );
}
