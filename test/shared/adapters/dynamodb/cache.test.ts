import { randomUUID } from 'node:crypto';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dynamoDocumentClient } from '#shared/container/aws-clients';
import { DynamoCache } from '#shared/adapters/dynamodb/cache';
import { createCacheTable } from '#shared/adapters/dynamodb/provision';
import { describeCacheContract } from '../../../contracts/cache.contract.ts';
import { requireAwsEndpoint } from '../../../support/aws-env.ts';

async function cacheTable(): Promise<{ tableName: string; drop: () => Promise<void> }> {
  requireAwsEndpoint('DynamoDB');
  const client = dynamoDocumentClient();
  const tableName = `cache-${randomUUID()}`;
  await createCacheTable(client, tableName);
  const drop = async (): Promise<void> => {
    await client.send(new DeleteTableCommand({ TableName: tableName }));
  };
  return { tableName, drop };
}

describeCacheContract('dynamodb', async () => {
  const { tableName, drop } = await cacheTable();
  return { cache: new DynamoCache({ tableName, client: dynamoDocumentClient() }), cleanup: drop };
});

describe('DynamoCache', () => {
  let table: Awaited<ReturnType<typeof cacheTable>>;

  beforeEach(async () => {
    table = await cacheTable();
  });

  afterEach(async () => {
    await table.drop();
  });

  it('does not serve an item past its expiresAt that DynamoDB’s TTL has not deleted yet', async () => {
    // Prepare
    const client = dynamoDocumentClient();
    const expiresAt = Math.floor(Date.now() / 1000) - 60;
    await client.send(
      new PutCommand({ TableName: table.tableName, Item: { key: 'concept:stale', value: '"stale"', expiresAt } }),
    );
    const cache = new DynamoCache({ tableName: table.tableName, client });

    // Act
    const value = await cache.get('concept:stale');

    // Assess
    expect(value).toBeUndefined();
  });

  it('deletes more keys than one DynamoDB batch holds', async () => {
    // Prepare
    const cache = new DynamoCache({ tableName: table.tableName, client: dynamoDocumentClient() });
    const keys = Array.from({ length: 30 }, (_, index) => `concept:${index}`);
    await Promise.all(keys.map((key) => cache.set(key, '1', 60)));

    // Act
    await cache.delete(keys);

    // Assess
    expect(await Promise.all(keys.map((key) => cache.get(key)))).toEqual(keys.map(() => undefined));
  });
});
