import { randomUUID } from 'node:crypto';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { dynamoClient, dynamoDocumentClient } from '#shared/container/aws-clients';
import { DynamoIdempotencyStore } from '#shared/adapters/dynamodb/idempotency-store';
import { createIdempotencyTable } from '#shared/adapters/dynamodb/provision';
import { describeIdempotencyStoreContract } from '../../../contracts/idempotency-store.contract.ts';
import { requireAwsEndpoint } from '../../../support/aws-env.ts';

describeIdempotencyStoreContract('dynamodb', async () => {
  requireAwsEndpoint('DynamoDB');
  const tableName = `idempotency-${randomUUID()}`;
  await createIdempotencyTable(dynamoDocumentClient(), tableName);
  return {
    store: new DynamoIdempotencyStore({ tableName, client: dynamoClient() }),
    cleanup: async () => {
      await dynamoClient().send(new DeleteTableCommand({ TableName: tableName }));
    },
  };
});
