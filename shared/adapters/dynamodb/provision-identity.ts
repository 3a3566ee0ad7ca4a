import { CreateTableCommand, DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

const ACTIVE_TIMEOUT_MS = 60_000;

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
