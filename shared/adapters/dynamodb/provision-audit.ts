import { CreateTableCommand, DescribeTableCommand, UpdateTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { AUDIT_TABLE_LAYOUT } from './audit-log.ts';
import { RATE_LIMIT_TABLE_LAYOUT } from './rate-limiter.ts';

const ACTIVE_TIMEOUT_MS = 60_000;

/**
 * Creates an audit table as the CDK app should (on demand; `day` + `sk`; index `byActor` on `actor` +
 * `sk` projecting everything; TTL on `expiresAt`) and waits until it and its index are ACTIVE. For tests
 * and the local runtime against a DynamoDB endpoint; the cloud's tables come from CDK.
 *
 * @example
 * await createAuditTable(dynamoDocumentClient(), 'audit-test-1');
 */
export async function createAuditTable(client: DynamoDBDocumentClient, name: string): Promise<void> {
  const { partitionKey, sortKey, byActorIndex } = AUDIT_TABLE_LAYOUT;
  await createTable(client, {
    TableName: name,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: partitionKey, AttributeType: 'S' },
      { AttributeName: sortKey, AttributeType: 'S' },
      { AttributeName: byActorIndex.partitionKey, AttributeType: 'S' },
    ],
    KeySchema: [
      { AttributeName: partitionKey, KeyType: 'HASH' },
      { AttributeName: sortKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: byActorIndex.name,
        KeySchema: [
          { AttributeName: byActorIndex.partitionKey, KeyType: 'HASH' },
          { AttributeName: byActorIndex.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
    ],
  });
  await enableTtl(client, name, AUDIT_TABLE_LAYOUT.ttlAttribute);
}

/**
 * Creates a rate-limit table as the CDK app should (on demand, keyed by `bucket`, TTL on `expiresAt`) and
 * waits until it is ACTIVE.
 *
 * @example
 * await createRateLimitTable(dynamoDocumentClient(), 'rate-limits-test-1');
 */
export async function createRateLimitTable(client: DynamoDBDocumentClient, name: string): Promise<void> {
  await createTable(client, {
    TableName: name,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: RATE_LIMIT_TABLE_LAYOUT.partitionKey, AttributeType: 'S' }],
    KeySchema: [{ AttributeName: RATE_LIMIT_TABLE_LAYOUT.partitionKey, KeyType: 'HASH' }],
  });
  await enableTtl(client, name, RATE_LIMIT_TABLE_LAYOUT.ttlAttribute);
}

async function createTable(client: DynamoDBDocumentClient, input: CreateTableCommandInput): Promise<void> {
  await client.send(new CreateTableCommand(input));
  const name = input.TableName ?? '';
  const deadline = Date.now() + ACTIVE_TIMEOUT_MS;
  for (;;) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: name }));
    const indexesActive = (Table?.GlobalSecondaryIndexes ?? []).every((index) => index.IndexStatus === 'ACTIVE');
    if (Table?.TableStatus === 'ACTIVE' && indexesActive) return;
    if (Date.now() > deadline) throw new Error(`Table '${name}' is not ACTIVE after ${ACTIVE_TIMEOUT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function enableTtl(client: DynamoDBDocumentClient, name: string, attribute: string): Promise<void> {
  await client.send(
    new UpdateTimeToLiveCommand({
      TableName: name,
      TimeToLiveSpecification: { AttributeName: attribute, Enabled: true },
    }),
  );
}
