import { randomUUID } from 'node:crypto';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { dynamoDocumentClient } from '#shared/adapters/aws/clients';
import { DynamoProgressStore } from '#shared/adapters/dynamodb/progress-store';
import { createProgressTable } from '#shared/adapters/dynamodb/provision';
import { describeProgressStoreContract } from '../../../contracts/progress-store.contract.ts';

const AWS_VARIABLES = ['AWS_ENDPOINT_URL', 'AWS_REGION', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'];

/** Fails (never skips) when the test services did not start, and never talks to a real AWS account. */
function requireAwsEndpoint(): void {
  const missing = AWS_VARIABLES.filter((name) => !process.env[name]);
  if (missing.length > 0) {
    throw new Error(`DynamoDB tests need a moto server; missing ${missing.join(', ')} (started by test/services)`);
  }
}

describeProgressStoreContract('dynamodb', async () => {
  requireAwsEndpoint();
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
