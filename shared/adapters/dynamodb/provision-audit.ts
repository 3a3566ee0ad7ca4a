import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createTable } from './provision.ts';
import { AUDIT_TABLE_LAYOUT } from './audit-log.ts';
import { RATE_LIMIT_TABLE_LAYOUT } from './rate-limiter.ts';

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
  await createTable(
    client,
    {
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
    },
    AUDIT_TABLE_LAYOUT.ttlAttribute,
  );
}

/**
 * Creates a rate-limit table as the CDK app should (on demand, keyed by `bucket`, TTL on `expiresAt`) and
 * waits until it is ACTIVE.
 *
 * @example
 * await createRateLimitTable(dynamoDocumentClient(), 'rate-limits-test-1');
 */
export async function createRateLimitTable(client: DynamoDBDocumentClient, name: string): Promise<void> {
  await createTable(
    client,
    {
      TableName: name,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: RATE_LIMIT_TABLE_LAYOUT.partitionKey, AttributeType: 'S' }],
      KeySchema: [{ AttributeName: RATE_LIMIT_TABLE_LAYOUT.partitionKey, KeyType: 'HASH' }],
    },
    RATE_LIMIT_TABLE_LAYOUT.ttlAttribute,
  );
}
