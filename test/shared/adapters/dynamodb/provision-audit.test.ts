import { randomUUID } from 'node:crypto';
import { DeleteTableCommand, DescribeTableCommand, DescribeTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import { dynamoDocumentClient } from '#shared/container/aws-clients';
import { createAuditTable, createRateLimitTable } from '#shared/adapters/dynamodb/provision-audit';
import { requireAwsEndpoint } from '../../../support/aws-env.ts';

describe('audit and rate-limit table provisioning', () => {
  const created: string[] = [];

  afterEach(async () => {
    const client = dynamoDocumentClient();
    for (const name of created.splice(0)) await client.send(new DeleteTableCommand({ TableName: name }));
  });

  async function provisioned(create: typeof createAuditTable, prefix: string): Promise<string> {
    requireAwsEndpoint('DynamoDB');
    const name = `${prefix}-${randomUUID()}`;
    await create(dynamoDocumentClient(), name);
    created.push(name);
    return name;
  }

  it('creates an on-demand audit table keyed by day and time with a byActor index', async () => {
    // Act
    const name = await provisioned(createAuditTable, 'audit');

    // Assess
    const { Table } = await dynamoDocumentClient().send(new DescribeTableCommand({ TableName: name }));
    expect(Table?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
    expect(Table?.KeySchema).toEqual([
      { AttributeName: 'day', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ]);
    expect(Table?.GlobalSecondaryIndexes?.map((index) => [index.IndexName, index.KeySchema])).toEqual([
      [
        'byActor',
        [
          { AttributeName: 'actor', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
      ],
    ]);
  });

  it.each([
    ['audit', createAuditTable],
    ['rate-limits', createRateLimitTable],
  ])('turns on TTL on expiresAt for the %s table', async (prefix, create) => {
    // Prepare
    const name = await provisioned(create, prefix);

    // Act
    const { TimeToLiveDescription } = await dynamoDocumentClient().send(
      new DescribeTimeToLiveCommand({ TableName: name }),
    );

    // Assess
    expect(TimeToLiveDescription).toMatchObject({ AttributeName: 'expiresAt', TimeToLiveStatus: 'ENABLED' });
  });
});
