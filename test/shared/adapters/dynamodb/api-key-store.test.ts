import { randomUUID } from 'node:crypto';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { dynamoDocumentClient } from '#shared/container/aws-clients';
import { DynamoApiKeyStore } from '#shared/adapters/dynamodb/api-key-store';
import { createApiKeysTable } from '#shared/adapters/dynamodb/provision-identity';
import { describeApiKeyStoreContract } from '../../../contracts/api-key-store.contract.ts';
import { requireAwsEndpoint } from '../../../support/aws-env.ts';

describeApiKeyStoreContract('dynamodb', async () => {
  requireAwsEndpoint('DynamoDB');
  const client = dynamoDocumentClient();
  const tableName = `api-keys-${randomUUID()}`;
  await createApiKeysTable(client, tableName);
  return {
    store: new DynamoApiKeyStore({ tableName, client }),
    cleanup: async () => {
      await client.send(new DeleteTableCommand({ TableName: tableName }));
    },
  };
});
