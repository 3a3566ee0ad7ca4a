import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoProgressStore } from '#shared/adapters/dynamodb/progress-store';
import { newTaskId, newTaskRecord, type TaskRecord } from '#shared/domain/tasks';

/** The records a container keeps to skip the read before its next write of a task (progress-store.ts). */
const KEPT = 1000;

/** A table in memory that answers the store's gets and conditional puts, and counts the gets. */
class TableDouble {
  readonly items = new Map<string, Record<string, unknown>>();
  gets = 0;

  send(command: unknown): Promise<unknown> {
    if (command instanceof GetCommand) {
      this.gets += 1;
      return Promise.resolve({ Item: this.items.get(String(command.input.Key?.taskId)) });
    }
    if (command instanceof PutCommand) {
      const item = command.input.Item ?? {};
      const expected = command.input.ExpressionAttributeValues?.[':revision'] as number | undefined;
      const current = this.items.get(String(item.taskId));
      if (expected !== undefined && current?.revision !== expected) {
        return Promise.reject(new ConditionalCheckFailedException({ message: 'revision moved', $metadata: {} }));
      }
      this.items.set(String(item.taskId), item);
      return Promise.resolve({});
    }
    return Promise.reject(new Error(`the double does not answer ${String(command)}`));
  }
}

describe("DynamoProgressStore's copies of the records it wrote last", () => {
  let table: TableDouble;
  let store: DynamoProgressStore;

  beforeEach(() => {
    table = new TableDouble();
    // Unit test: the double stands in for the document client's `send`, the only method the store calls.
    store = new DynamoProgressStore({ tableName: 'progress', client: table as unknown as DynamoDBDocumentClient });
  });

  async function startedTask(): Promise<TaskRecord> {
    const record = newTaskRecord('process-documents', newTaskId(), 3, new Date(), 3600, 'ada');
    await store.create(record);
    await store.start(record.taskId, new Date());
    return record;
  }

  async function startOthers(count: number): Promise<void> {
    for (let index = 0; index < count; index += 1) await startedTask();
  }

  it('writes on its own copy while fewer than a thousand other tasks were written since', async () => {
    // Prepare
    const task = await startedTask();
    await startOthers(KEPT - 1);
    table.gets = 0;

    // Act
    await store.recordItem(task.taskId, 0, { ok: true, id: 'doc-0' }, new Date());

    // Assess
    expect(table.gets).toBe(0);
  });

  it('reads the least recently written task again once a thousand others were written after it', async () => {
    // Prepare
    const task = await startedTask();
    await startOthers(KEPT);
    table.gets = 0;

    // Act
    await store.recordItem(task.taskId, 0, { ok: true, id: 'doc-0' }, new Date());

    // Assess
    expect(table.gets).toBe(1);
  });

  it('counts a task written again as the most recent, so an older one is dropped first', async () => {
    // Prepare
    const task = await startedTask();
    await startOthers(KEPT - 1);
    await store.recordItem(task.taskId, 0, { ok: true, id: 'doc-0' }, new Date());
    await startOthers(1);
    table.gets = 0;

    // Act
    await store.recordItem(task.taskId, 1, { ok: true, id: 'doc-1' }, new Date());

    // Assess
    expect(table.gets).toBe(0);
  });
});
