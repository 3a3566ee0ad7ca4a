/* eslint-disable @typescript-eslint/require-await -- synchronous SQLite behind an async port: `async` turns its throws into rejections */
import type { DatabaseSync } from 'node:sqlite';
import { isTerminal, progressMessage, statusAfterItems } from '#shared/domain/tasks';
import type { ItemOutcome, TaskRecord } from '#shared/domain/tasks';
import type { ProgressStore } from '#shared/ports/progress-store';
import { transaction } from './database.ts';

/**
 * Progress records in the embedded SQLite, one JSON document per task. Expired records are hidden and
 * deleted when next read, as DynamoDB's TTL does lazily in the cloud.
 */
export class EmbeddedProgressStore implements ProgressStore {
  readonly component = 'progress';
  readonly adapter = 'embedded';
  private readonly database: DatabaseSync;
  private readonly clock: () => Date;

  constructor(options: { database: DatabaseSync; clock?: () => Date }) {
    this.database = options.database;
    this.clock = options.clock ?? (() => new Date());
    this.database.exec(
      'CREATE TABLE IF NOT EXISTS progress (taskId TEXT PRIMARY KEY, record TEXT NOT NULL, expiresAt INTEGER NOT NULL)',
    );
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
    return transaction(this.database, () => {
      const record = this.readLive(taskId);
      if (!record || (record.status !== 'PENDING' && record.status !== 'RETRY')) return record;
      const stamp = at.toISOString();
      return this.write({ ...record, status: 'STARTED', startedAt: stamp, message: 'Started', updatedAt: stamp });
    });
  }

  async recordItem(taskId: string, index: number, outcome: ItemOutcome, at: Date): Promise<TaskRecord | undefined> {
    return transaction(this.database, () => {
      const record = this.readLive(taskId);
      if (!record || isTerminal(record.status)) return record;
      const items = { ...record.items, [String(index)]: outcome };
      const status = statusAfterItems({ ...record, items });
      const stamp = at.toISOString();
      return this.write({
        ...record,
        items,
        status,
        message: progressMessage({ total: record.total, items }, status),
        updatedAt: stamp,
        ...(status === 'SUCCESS' && { completedAt: stamp }),
        ...(status === 'FAILURE' && { failedAt: stamp }),
      });
    });
  }

  async check(): Promise<void> {
    this.database.prepare('SELECT 1 FROM progress LIMIT 1').get();
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

  private write(record: TaskRecord): TaskRecord {
    this.database.prepare('UPDATE progress SET record = ? WHERE taskId = ?').run(JSON.stringify(record), record.taskId);
    return record;
  }
}
