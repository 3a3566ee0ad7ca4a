import { randomUUID } from 'node:crypto';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { dynamoDocumentClient } from '#shared/container/aws-clients';
import { createUsersTable } from '#shared/adapters/dynamodb/provision-identity';
import { DynamoUserStore } from '#shared/adapters/dynamodb/user-store';
import { describeUserStoreContract } from '../../../contracts/user-store.contract.ts';
import { requireAwsEndpoint } from '../../../support/aws-env.ts';

describeUserStoreContract('dynamodb', async () => {
  requireAwsEndpoint('DynamoDB');
  const client = dynamoDocumentClient();
  const tableName = `users-${randomUUID()}`;
  await createUsersTable(client, tableName);
  return {
    store: new DynamoUserStore({ tableName, client }),
    cleanup: async () => {
      await client.send(new DeleteTableCommand({ TableName: tableName }));
    },
  };
});
