import { randomUUID } from 'node:crypto';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { dynamoDocumentClient } from '#shared/container/aws-clients';
import { DynamoRateLimiter } from '#shared/adapters/dynamodb/rate-limiter';
import { createRateLimitTable } from '#shared/adapters/dynamodb/provision-audit';
import { describeRateLimiterContract } from '../../../contracts/rate-limiter.contract.ts';
import { requireAwsEndpoint } from '../../../support/aws-env.ts';

describeRateLimiterContract('dynamodb', async () => {
  requireAwsEndpoint('DynamoDB');
  const client = dynamoDocumentClient();
  const tableName = `rate-limits-${randomUUID()}`;
  await createRateLimitTable(client, tableName);
  return {
    limiter: new DynamoRateLimiter({ tableName, client }),
    cleanup: async () => {
      await client.send(new DeleteTableCommand({ TableName: tableName }));
    },
  };
});
