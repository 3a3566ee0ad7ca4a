import { randomUUID } from 'node:crypto';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { dynamoDocumentClient } from '#shared/container/aws-clients';
import { DynamoProgressStore } from '#shared/adapters/dynamodb/progress-store';
import { createProgressTable } from '#shared/adapters/dynamodb/provision';
import { describeProgressStoreContract } from '../../../contracts/progress-store.contract.ts';
import { requireAwsEndpoint } from '../../../support/aws-env.ts';

describeProgressStoreContract('dynamodb', async () => {
  requireAwsEndpoint('DynamoDB');
  const client = dynamoDocumentClient();
  const tableName = `progress-${randomUUID()}`;
  await createProgressTable(client, tableName);
  return {
    store: new DynamoProgressStore({ tableName, client }),
    cleanup: async () => {
      await client.send(new DeleteTableCommand({ TableName: tableName }));
    },
  };
});
