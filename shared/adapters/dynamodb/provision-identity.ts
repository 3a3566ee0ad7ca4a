import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createTable } from './provision.ts';

/** The owner index of the API key table: an owner's keys, oldest first. */
export const API_KEYS_OWNER_INDEX = 'byOwner';

/**
 * Creates a users table as the CDK app should (on demand, keyed by `username`) and waits until it is
 * ACTIVE. For tests and the local runtime against a DynamoDB endpoint; the cloud's tables come from CDK.
 *
 * @example
 * await createUsersTable(dynamoDocumentClient(), 'users-test-1');
 */
export async function createUsersTable(client: DynamoDBDocumentClient, name: string): Promise<void> {
  await createTable(client, {
    TableName: name,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: 'username', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'username', KeyType: 'HASH' }],
  });
}

/**
 * Creates an API key table as the CDK app should (on demand, keyed by `keyHash`, with the `byOwner`
 * index on `owner` + `createdAt`, all attributes projected) and waits until it is ACTIVE.
 *
 * @example
 * await createApiKeysTable(dynamoDocumentClient(), 'api-keys-test-1');
 */
export async function createApiKeysTable(client: DynamoDBDocumentClient, name: string): Promise<void> {
  await createTable(client, {
    TableName: name,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: 'keyHash', AttributeType: 'S' },
      { AttributeName: 'owner', AttributeType: 'S' },
      { AttributeName: 'createdAt', AttributeType: 'S' },
    ],
    KeySchema: [{ AttributeName: 'keyHash', KeyType: 'HASH' }],
    GlobalSecondaryIndexes: [
      {
        IndexName: API_KEYS_OWNER_INDEX,
        KeySchema: [
          { AttributeName: 'owner', KeyType: 'HASH' },
          { AttributeName: 'createdAt', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
    ],
  });
}
