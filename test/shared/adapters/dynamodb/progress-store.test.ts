import { randomUUID } from 'node:crypto';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dynamoDocumentClient } from '#shared/container/aws-clients';
import { DynamoProgressStore } from '#shared/adapters/dynamodb/progress-store';
import { createProgressTable } from '#shared/adapters/dynamodb/provision';
import { newTaskId, newTaskRecord, type ItemOutcome, type TaskRecord } from '#shared/domain/tasks';
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

describe('DynamoProgressStore in two containers', () => {
  let client: ReturnType<typeof dynamoDocumentClient>;
  let tableName: string;
  let first: DynamoProgressStore;
  let second: DynamoProgressStore;
  let record: TaskRecord;
  const ok = (index: number): ItemOutcome => ({ ok: true, id: `doc-${index}` });

  beforeEach(async () => {
    requireAwsEndpoint('DynamoDB');
    client = dynamoDocumentClient();
    tableName = `progress-${randomUUID()}`;
    await createProgressTable(client, tableName);
    first = new DynamoProgressStore({ tableName, client });
    second = new DynamoProgressStore({ tableName, client });
    record = newTaskRecord('process-documents', newTaskId(), 3, new Date(), 3600, 'ada');
    await first.create(record);
  });

  afterEach(async () => {
    await client.send(new DeleteTableCommand({ TableName: tableName }));
  });

  it('keeps the item another container recorded since this one last wrote', async () => {
    // Prepare
    await first.start(record.taskId, new Date());
    await first.recordItem(record.taskId, 0, ok(0), new Date());
    await second.recordItem(record.taskId, 1, ok(1), new Date());

    // Act
    const after = await first.recordItem(record.taskId, 2, ok(2), new Date());

    // Assess
    expect(after?.status).toBe('SUCCESS');
    expect(Object.keys((await second.get(record.taskId))?.items ?? {})).toEqual(['0', '1', '2']);
  });

  it('sees a revocation another container wrote since this one last wrote', async () => {
    // Prepare
    await first.start(record.taskId, new Date());
    await second.revoke(record.taskId, new Date());

    // Act
    const restarted = await first.start(record.taskId, new Date());
    const recorded = await first.recordItem(record.taskId, 0, ok(0), new Date());

    // Assess
    expect(restarted?.status).toBe('REVOKED');
    expect(recorded?.status).toBe('REVOKED');
    expect(recorded?.items).toEqual({});
  });
});
