import { randomUUID } from 'node:crypto';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { dynamoDocumentClient } from '#shared/container/aws-clients';
import { DynamoAuditLog } from '#shared/adapters/dynamodb/audit-log';
import { createAuditTable } from '#shared/adapters/dynamodb/provision-audit';
import { describeAuditLogContract } from '../../../contracts/audit-log.contract.ts';
import { requireAwsEndpoint } from '../../../support/aws-env.ts';

describeAuditLogContract('dynamodb', async () => {
  requireAwsEndpoint('DynamoDB');
  const client = dynamoDocumentClient();
  const tableName = `audit-${randomUUID()}`;
  await createAuditTable(client, tableName);
  return {
    log: new DynamoAuditLog({ tableName, client }),
    cleanup: async () => {
      await client.send(new DeleteTableCommand({ TableName: tableName }));
    },
  };
});
