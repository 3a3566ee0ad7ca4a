import { ConditionalCheckFailedException, DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient, QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { compareNewestFirst, isTerminal, withItems, withRetry, withStatus } from '#shared/domain/tasks';
import type {
  ItemOutcome,
  ItemResult,
  TaskListQuery,
  TaskRecord,
  TaskRecordPage,
  TaskRetry,
} from '#shared/domain/tasks';
import type { ProgressStore } from '#shared/ports/progress-store';
import { PROGRESS_TABLE_LAYOUT } from './table-layouts.ts';

/** Attributes the adapter keeps beside a record: the optimistic-lock counter and the day index key. */
interface StoredRecord extends TaskRecord {
  readonly revision: number;
  readonly createdDay: string;
}

/** Optimistic writes that lost a race are retried this often before the write is reported as failed. */
const MAX_WRITE_ATTEMPTS = 20;

/** Records this container wrote last, kept to skip the read before its next write of the same task. */
const LAST_WRITTEN_RECORDS = 1000;

/**
 * Progress records in a DynamoDB table keyed by `taskId`, deleted by DynamoDB's TTL on `expiresAt`.
 *
 * Each change is a pure function of the record (`shared/domain/tasks`) written back with an optimistic
 * lock on `revision`, so containers recording different items of one task never overwrite each other and
 * every write lands on the record as the last writer left it. A task's items are mostly recorded by one
 * container in a row, so the record this container wrote last is the base of its next change: the write's
 * condition on `revision` proves it is still current (else it is read again), which saves the read per item
 * without weakening the lock. A change that writes nothing is never answered from that copy.
 */
export class DynamoProgressStore implements ProgressStore {
  readonly component = 'progress';
  readonly adapter = 'dynamodb';
  private readonly tableName: string;
  private readonly client: DynamoDBDocumentClient;
  private readonly ttlSeconds: number;
  /**
   * Least recently written first: `update` takes a task's copy out before it writes and puts the new one back
   * last, so the Map's insertion order is the order of use (lru-cache added 18 KB to every bundle with it).
   */
  private readonly lastWritten = new Map<string, StoredRecord>();

  /** `ttlSeconds`: the records' lifetime, which bounds how many days back a list of everyone's looks. */
  constructor(options: { tableName: string; ttlSeconds?: number; client: DynamoDBDocumentClient }) {
    this.tableName = options.tableName;
    this.ttlSeconds = options.ttlSeconds ?? 3600;
    this.client = options.client;
  }

  async create(record: TaskRecord): Promise<void> {
    const item: StoredRecord = { ...record, revision: 0, createdDay: record.createdAt.slice(0, 10) };
    await ignoringConditionFailure(
      this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: item,
          // An expired record still waiting for TTL deletion counts as absent, as it does for `get`.
          ConditionExpression: 'attribute_not_exists(taskId) OR expiresAt < :now',
          ExpressionAttributeValues: { ':now': nowSeconds() },
        }),
      ),
    );
  }

  async get(taskId: string): Promise<TaskRecord | undefined> {
    const stored = await this.read(taskId);
    return stored && toRecord(stored);
  }

  start(taskId: string, at: Date): Promise<TaskRecord | undefined> {
    return this.update(taskId, (record) =>
      record.status === 'PENDING' || record.status === 'RETRY' ? withStatus(record, 'STARTED', at) : record,
    );
  }

  recordItem(taskId: string, index: number, outcome: ItemOutcome, at: Date): Promise<TaskRecord | undefined> {
    return this.recordItems(taskId, [{ index, outcome }], at);
  }

  recordItems(taskId: string, results: readonly ItemResult[], at: Date): Promise<TaskRecord | undefined> {
    return this.update(taskId, (record) => withItems(record, results, at));
  }

  retry(taskId: string, retry: TaskRetry, at: Date): Promise<TaskRecord | undefined> {
    return this.update(taskId, (record) => withRetry(record, retry, at));
  }

  revoke(taskId: string, at: Date): Promise<TaskRecord | undefined> {
    return this.update(taskId, (record) => (isTerminal(record.status) ? record : withStatus(record, 'REVOKED', at)));
  }

  async list(query: TaskListQuery): Promise<TaskRecordPage> {
    const wanted = query.limit + 1;
    const records =
      query.submittedBy === undefined
        ? await this.listByDay(query, wanted)
        : await this.listPartition(
            {
              IndexName: PROGRESS_TABLE_LAYOUT.bySubmitterIndex.name,
              KeyConditionExpression: '#partition = :partition',
              ExpressionAttributeNames: { '#partition': PROGRESS_TABLE_LAYOUT.bySubmitterIndex.partitionKey },
              ExpressionAttributeValues: { ':partition': query.submittedBy },
            },
            query,
            wanted,
          );
    const page = records.slice(0, query.limit);
    const last = page.at(-1);
    return records.length > query.limit && last
      ? { records: page, next: { createdAt: last.createdAt, taskId: last.taskId } }
      : { records: page };
  }

  async check(): Promise<void> {
    await this.client.send(new DescribeTableCommand({ TableName: this.tableName }));
  }

  /** Walks the day partitions from the cursor's day (or today) back to the oldest a live record can have. */
  private async listByDay(query: TaskListQuery, wanted: number): Promise<TaskRecord[]> {
    const records: TaskRecord[] = [];
    const newest = query.after ? new Date(query.after.createdAt) : new Date();
    const oldest = startOfDay(new Date(Date.now() - this.ttlSeconds * 1000));
    for (let day = startOfDay(newest); records.length < wanted && day >= oldest; day -= DAY_MS) {
      records.push(
        ...(await this.listPartition(
          {
            IndexName: PROGRESS_TABLE_LAYOUT.byDayIndex.name,
            KeyConditionExpression: '#partition = :partition',
            ExpressionAttributeNames: { '#partition': PROGRESS_TABLE_LAYOUT.byDayIndex.partitionKey },
            ExpressionAttributeValues: { ':partition': new Date(day).toISOString().slice(0, 10) },
          },
          query,
          wanted - records.length,
        )),
      );
    }
    return records;
  }

  /** Up to `wanted` live records of one index partition after the query's position, newest first. */
  private async listPartition(
    partition: Pick<
      QueryCommandInput,
      'IndexName' | 'KeyConditionExpression' | 'ExpressionAttributeNames' | 'ExpressionAttributeValues'
    >,
    query: TaskListQuery,
    wanted: number,
  ): Promise<TaskRecord[]> {
    const filters = ['#expiresAt >= :now'];
    const names: Record<string, string> = { '#expiresAt': 'expiresAt' };
    const values: Record<string, unknown> = { ':now': nowSeconds() };
    if (query.status) {
      filters.push('#status = :status');
      names['#status'] = 'status';
      values[':status'] = query.status;
    }
    if (query.type) {
      filters.push('#type = :type');
      names['#type'] = 'type';
      values[':type'] = query.type;
    }
    if (query.after) {
      // The index sorts by time only: the tie on `createdAt` is resolved by id below.
      partition = {
        ...partition,
        KeyConditionExpression: `${String(partition.KeyConditionExpression)} AND #createdAt <= :createdAt`,
      };
      names['#createdAt'] = 'createdAt';
      values[':createdAt'] = query.after.createdAt;
    }
    const records: TaskRecord[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const result = await this.client.send(
        new QueryCommand({
          ...partition,
          TableName: this.tableName,
          ScanIndexForward: false,
          FilterExpression: filters.join(' AND '),
          ExpressionAttributeNames: { ...partition.ExpressionAttributeNames, ...names },
          ExpressionAttributeValues: { ...partition.ExpressionAttributeValues, ...values },
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of result.Items ?? []) {
        const record = toRecord(item as StoredRecord);
        if (!query.after || compareNewestFirst(query.after, record) < 0) records.push(record);
      }
      startKey = result.LastEvaluatedKey;
    } while (startKey && records.length < wanted);
    return records.sort(compareNewestFirst).slice(0, wanted);
  }

  private async read(taskId: string): Promise<StoredRecord | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: { taskId }, ConsistentRead: true }),
    );
    // The table holds only items this adapter wrote; TTL deletes lazily, so an expired item counts as absent.
    const stored = Item as StoredRecord | undefined;
    return stored && stored.expiresAt >= nowSeconds() ? stored : undefined;
  }

  /** Applies `change` to the live record under an optimistic lock, re-reading after each lost race. */
  private async update(taskId: string, change: (record: TaskRecord) => TaskRecord): Promise<TaskRecord | undefined> {
    let remembered = this.lastWritten.get(taskId);
    this.lastWritten.delete(taskId);
    for (let attempt = 1; ; attempt += 1) {
      const cached = remembered !== undefined && remembered.expiresAt >= nowSeconds();
      const stored = cached ? remembered : await this.read(taskId);
      remembered = undefined;
      if (!stored) return undefined;
      const record = toRecord(stored);
      const changed = change(record);
      if (changed === record) {
        if (cached) continue; // nothing to write proves the copy current: answer from a fresh read
        return record;
      }
      const next: StoredRecord = { ...changed, revision: stored.revision + 1, createdDay: stored.createdDay };
      const written = await ignoringConditionFailure(
        this.client.send(
          new PutCommand({
            TableName: this.tableName,
            Item: next,
            ConditionExpression: 'revision = :revision',
            ExpressionAttributeValues: { ':revision': stored.revision },
          }),
        ),
      );
      if (written) {
        this.remember(taskId, next);
        return changed;
      }
      if (attempt >= MAX_WRITE_ATTEMPTS) {
        throw new Error(`Progress record ${taskId} kept changing under ${MAX_WRITE_ATTEMPTS} write attempts`);
      }
    }
  }

  /** Keeps `record` as the task's last written copy, dropping the least recently written one when full. */
  private remember(taskId: string, record: StoredRecord): void {
    this.lastWritten.delete(taskId);
    const oldest = this.lastWritten.keys().next();
    if (this.lastWritten.size >= LAST_WRITTEN_RECORDS && !oldest.done) this.lastWritten.delete(oldest.value);
    this.lastWritten.set(taskId, record);
  }
}

const DAY_MS = 86_400_000;

function startOfDay(date: Date): number {
  return Math.floor(date.getTime() / DAY_MS) * DAY_MS;
}

/** The record without the adapter's own attributes. */
function toRecord(stored: StoredRecord): TaskRecord {
  const record: Record<string, unknown> = { ...stored };
  delete record.revision;
  delete record.createdDay;
  return record as unknown as TaskRecord;
}

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
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
