/* eslint-disable @typescript-eslint/require-await -- synchronous SQLite behind an async port: `async` turns its throws into rejections */
import type { DatabaseSync } from 'node:sqlite';
import { isTerminal, withItems, withRetry, withStatus } from '#shared/domain/tasks';
import type {
  ItemOutcome,
  ItemResult,
  TaskListQuery,
  TaskRecord,
  TaskRecordPage,
  TaskRetry,
} from '#shared/domain/tasks';
import type { ProgressStore } from '#shared/ports/progress-store';
import { transaction } from './database.ts';
import { ensureEmbeddedSchema } from './schema.ts';

/**
 * Progress records in the embedded SQLite, one JSON document per task, with the columns a list filters on
 * beside it. Expired records are hidden and deleted when next read, as DynamoDB's TTL does lazily.
 */
export class EmbeddedProgressStore implements ProgressStore {
  readonly component = 'progress';
  readonly adapter = 'embedded';
  private readonly database: DatabaseSync;
  private readonly clock: () => Date;

  constructor(options: { database: DatabaseSync; clock?: () => Date }) {
    this.database = options.database;
    this.clock = options.clock ?? (() => new Date());
    ensureEmbeddedSchema(this.database);
  }

  async create(record: TaskRecord): Promise<void> {
    transaction(this.database, () => {
      this.readLive(record.taskId); // clears an expired record, so its id can be reused as in DynamoDB
      this.database
        .prepare('INSERT OR IGNORE INTO progress (taskId, record, expiresAt) VALUES (?, ?, ?)')
        .run(record.taskId, JSON.stringify(record), record.expiresAt);
    });
  }

  async get(taskId: string): Promise<TaskRecord | undefined> {
    return transaction(this.database, () => this.readLive(taskId));
  }

  async start(taskId: string, at: Date): Promise<TaskRecord | undefined> {
    return this.update(taskId, (record) =>
      record.status === 'PENDING' || record.status === 'RETRY' ? withStatus(record, 'STARTED', at) : record,
    );
  }

  async recordItem(taskId: string, index: number, outcome: ItemOutcome, at: Date): Promise<TaskRecord | undefined> {
    return this.recordItems(taskId, [{ index, outcome }], at);
  }

  async recordItems(taskId: string, results: readonly ItemResult[], at: Date): Promise<TaskRecord | undefined> {
    return this.update(taskId, (record) => withItems(record, results, at));
  }

  async retry(taskId: string, retry: TaskRetry, at: Date): Promise<TaskRecord | undefined> {
    return this.update(taskId, (record) => withRetry(record, retry, at));
  }

  async revoke(taskId: string, at: Date): Promise<TaskRecord | undefined> {
    return this.update(taskId, (record) => (isTerminal(record.status) ? record : withStatus(record, 'REVOKED', at)));
  }

  async list(query: TaskListQuery): Promise<TaskRecordPage> {
    const now = Math.floor(this.clock().getTime() / 1000);
    const conditions = ['expiresAt >= ?'];
    const values: (string | number)[] = [now];
    const filter = (sql: string, value: string | undefined): void => {
      if (value === undefined) return;
      conditions.push(sql);
      values.push(value);
    };
    filter("json_extract(record, '$.submittedBy') = ?", query.submittedBy);
    filter("json_extract(record, '$.status') = ?", query.status);
    filter("json_extract(record, '$.type') = ?", query.type);
    if (query.after) {
      conditions.push("(json_extract(record, '$.createdAt'), taskId) < (?, ?)");
      values.push(query.after.createdAt, query.after.taskId);
    }
    const rows = this.database
      .prepare(
        `SELECT record FROM progress WHERE ${conditions.join(' AND ')}
         ORDER BY json_extract(record, '$.createdAt') DESC, taskId DESC LIMIT ?`,
      )
      .all(...values, query.limit + 1);
    const records = rows.map((row) => JSON.parse(String(row.record)) as TaskRecord);
    const page = records.slice(0, query.limit);
    const last = page.at(-1);
    return records.length > query.limit && last
      ? { records: page, next: { createdAt: last.createdAt, taskId: last.taskId } }
      : { records: page };
  }

  async check(): Promise<void> {
    this.database.prepare('SELECT 1 FROM progress LIMIT 1').get();
  }

  /** Reads, changes and writes a live record in one transaction; the change is a pure domain function. */
  private update(taskId: string, change: (record: TaskRecord) => TaskRecord): TaskRecord | undefined {
    return transaction(this.database, () => {
      const record = this.readLive(taskId);
      if (!record) return undefined;
      const changed = change(record);
      if (changed === record) return record;
      this.database
        .prepare('UPDATE progress SET record = ? WHERE taskId = ?')
        .run(JSON.stringify(changed), changed.taskId);
      return changed;
    });
  }

  /** The record, or undefined when there is none or it has expired (then it is deleted). */
  private readLive(taskId: string): TaskRecord | undefined {
    const row = this.database.prepare('SELECT record, expiresAt FROM progress WHERE taskId = ?').get(taskId);
    if (!row) return undefined;
    if (Number(row.expiresAt) < Math.floor(this.clock().getTime() / 1000)) {
      this.database.prepare('DELETE FROM progress WHERE taskId = ?').run(taskId);
      return undefined;
    }
    return JSON.parse(String(row.record)) as TaskRecord;
  }
}
