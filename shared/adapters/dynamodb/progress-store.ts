import { ConditionalCheckFailedException, DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { progressMessage, statusAfterItems } from '#shared/domain/tasks';
import type { ItemOutcome, TaskRecord } from '#shared/domain/tasks';
import type { ProgressStore } from '#shared/ports/progress-store';

/** Condition shared by every write to a record that must exist, be live and not be finished. */
const LIVE_AND_OPEN = '#expiresAt >= :now AND NOT #status IN (:success, :failure, :revoked)';
const EXPIRY_AND_STATUS_NAMES = { '#expiresAt': 'expiresAt', '#status': 'status' };
const liveAndOpenValues = () => ({
  ':now': nowSeconds(),
  ':success': 'SUCCESS',
  ':failure': 'FAILURE',
  ':revoked': 'REVOKED',
});

/**
 * Progress records in a DynamoDB table keyed by `taskId`, deleted by DynamoDB's TTL on `expiresAt`.
 *
 * Item outcomes live in a map keyed by index, so a replayed message rewrites its own entry and two
 * containers recording different items of one task never overwrite each other. The status written
 * afterwards is computed from the item map as the write left it, and only lands if no item was added
 * since, so the last writer always leaves the right status.
 */
export class DynamoProgressStore implements ProgressStore {
  readonly component = 'progress';
  readonly adapter = 'dynamodb';
  private readonly tableName: string;
  private readonly client: DynamoDBDocumentClient;

  constructor(options: { tableName: string; client: DynamoDBDocumentClient }) {
    this.tableName = options.tableName;
    this.client = options.client;
  }

  async create(record: TaskRecord): Promise<void> {
    await ignoringConditionFailure(
      this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: record,
          // An expired record still waiting for TTL deletion counts as absent, as it does for `get`.
          ConditionExpression: 'attribute_not_exists(taskId) OR expiresAt < :now',
          ExpressionAttributeValues: { ':now': nowSeconds() },
        }),
      ),
    );
  }

  async get(taskId: string): Promise<TaskRecord | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: { taskId }, ConsistentRead: true }),
    );
    return live(Item);
  }

  async start(taskId: string, at: Date): Promise<TaskRecord | undefined> {
    const stamp = at.toISOString();
    const started = await ignoringConditionFailure(
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { taskId },
          UpdateExpression: 'SET #status = :started, startedAt = :at, message = :message, updatedAt = :at',
          ConditionExpression: '#expiresAt >= :now AND #status IN (:pending, :retry)',
          ExpressionAttributeNames: EXPIRY_AND_STATUS_NAMES,
          ExpressionAttributeValues: {
            ':now': nowSeconds(),
            ':pending': 'PENDING',
            ':retry': 'RETRY',
            ':started': 'STARTED',
            ':message': 'Started',
            ':at': stamp,
          },
          ReturnValues: 'ALL_NEW',
        }),
      ),
    );
    return started ? live(started.Attributes) : this.get(taskId);
  }

  async recordItem(taskId: string, index: number, outcome: ItemOutcome, at: Date): Promise<TaskRecord | undefined> {
    const stamp = at.toISOString();
    const written = await ignoringConditionFailure(
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { taskId },
          UpdateExpression: 'SET #items.#index = :outcome, updatedAt = :at',
          ConditionExpression: LIVE_AND_OPEN,
          ExpressionAttributeNames: { ...EXPIRY_AND_STATUS_NAMES, '#items': 'items', '#index': String(index) },
          ExpressionAttributeValues: { ...liveAndOpenValues(), ':outcome': outcome, ':at': stamp },
          ReturnValues: 'ALL_NEW',
        }),
      ),
    );
    const record = written ? live(written.Attributes) : await this.get(taskId);
    if (!written || !record) return record;

    const status = statusAfterItems(record);
    const message = progressMessage(record, status);
    if (status === record.status && message === record.message) return record;
    const finishedStamp = status === 'SUCCESS' ? 'completedAt' : status === 'FAILURE' ? 'failedAt' : undefined;
    const settled = await ignoringConditionFailure(
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { taskId },
          UpdateExpression: `SET #status = :status, message = :message${finishedStamp ? `, ${finishedStamp} = :at` : ''}`,
          // If another item landed meanwhile, its writer computes the status from the fuller map.
          ConditionExpression: `${LIVE_AND_OPEN} AND size(#items) = :count`,
          ExpressionAttributeNames: { ...EXPIRY_AND_STATUS_NAMES, '#items': 'items' },
          ExpressionAttributeValues: {
            ...liveAndOpenValues(),
            ':status': status,
            ':message': message,
            ':count': Object.keys(record.items).length,
            ...(finishedStamp && { ':at': stamp }),
          },
          ReturnValues: 'ALL_NEW',
        }),
      ),
    );
    return settled ? live(settled.Attributes) : this.get(taskId);
  }

  async check(): Promise<void> {
    await this.client.send(new DescribeTableCommand({ TableName: this.tableName }));
  }
}

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/** DynamoDB's TTL deletes lazily, so an expired item may still be read; it counts as absent. */
function live(item: Record<string, unknown> | undefined): TaskRecord | undefined {
  // The table holds only items this adapter wrote from `TaskRecord`s.
  const record = item as TaskRecord | undefined;
  return record && record.expiresAt >= nowSeconds() ? record : undefined;
}

/** The write's result, or undefined when its condition did not hold. */
async function ignoringConditionFailure<T>(write: Promise<T>): Promise<T | undefined> {
  try {
    return await write;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return undefined;
    throw error;
  }
}
