/* eslint-disable @typescript-eslint/require-await -- synchronous SQLite behind an async port: `async` turns its throws into rejections */
import type { DatabaseSync, SQLInputValue } from 'node:sqlite';
import { DEFAULT_AUDIT_RETENTION_DAYS } from '#shared/domain/audit';
import type { AuditEntry } from '#shared/domain/audit';
import { auditPage, resolveAuditQuery } from '#shared/domain/audit-query';
import type { AuditPage, AuditQuery } from '#shared/domain/audit-query';
import type { CursorOptions } from '#shared/domain/cursor';
import type { AuditLog } from '#shared/ports/audit-log';
import { transaction } from './database.ts';
import { ensureEmbeddedSchema } from './schema.ts';

/**
 * The audit trail in the embedded SQLite, keyed like the DynamoDB table by (at, id) so the same entry is
 * stored once. Expired entries are hidden, and deleted on the next write as DynamoDB's TTL does lazily.
 */
export class EmbeddedAuditLog implements AuditLog {
  readonly component = 'audit';
  readonly adapter = 'embedded';
  private readonly database: DatabaseSync;
  private readonly clock: () => Date;
  private readonly retentionDays: number;
  private readonly cursor: CursorOptions;

  constructor(options: {
    database: DatabaseSync;
    retentionDays?: number;
    cursorSigningKey?: string | Uint8Array;
    clock?: () => Date;
  }) {
    this.database = options.database;
    this.clock = options.clock ?? (() => new Date());
    this.retentionDays = options.retentionDays ?? DEFAULT_AUDIT_RETENTION_DAYS;
    this.cursor = { signingKey: options.cursorSigningKey };
    ensureEmbeddedSchema(this.database);
  }

  async record(entry: AuditEntry): Promise<void> {
    transaction(this.database, () => {
      this.database.prepare('DELETE FROM audit WHERE expiresAt < ?').run(this.nowSeconds());
      this.database
        .prepare('INSERT OR IGNORE INTO audit (at, id, actor, expiresAt, entry) VALUES (?, ?, ?, ?, ?)')
        .run(entry.at, entry.id, entry.actor, entry.expiresAt, JSON.stringify(entry));
    });
  }

  async recordRepeated(entry: AuditEntry): Promise<void> {
    transaction(this.database, () => {
      this.database.prepare('DELETE FROM audit WHERE expiresAt < ?').run(this.nowSeconds());
      this.database
        .prepare(
          `INSERT INTO audit (at, id, actor, expiresAt, entry) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (at, id) DO UPDATE SET entry = json_set(entry, '$.count', coalesce(json_extract(entry, '$.count'), 1) + 1)`,
        )
        .run(entry.at, entry.id, entry.actor, entry.expiresAt, JSON.stringify(entry));
    });
  }

  async query(query: AuditQuery): Promise<AuditPage> {
    const resolved = resolveAuditQuery(query, {
      now: this.clock(),
      retentionDays: this.retentionDays,
      cursor: this.cursor,
    });
    if (resolved.exhausted) return { entries: [] };

    const conditions = ['at >= ?', 'at <= ?', 'expiresAt >= ?'];
    const values: SQLInputValue[] = [resolved.from, resolved.to, this.nowSeconds()];
    if (resolved.user !== undefined) {
      conditions.push('actor = ?');
      values.push(resolved.user);
    }
    if (resolved.before) {
      conditions.push('(at, id) < (?, ?)');
      values.push(resolved.before.at, resolved.before.id);
    }
    const rows = this.database
      .prepare(`SELECT entry FROM audit WHERE ${conditions.join(' AND ')} ORDER BY at DESC, id DESC LIMIT ?`)
      .all(...values, resolved.limit + 1);
    // The table holds only entries this adapter serialised.
    const entries = rows.map((row) => JSON.parse(String(row.entry)) as AuditEntry);
    return auditPage(entries, query, resolved, this.cursor);
  }

  async check(): Promise<void> {
    this.database.prepare('SELECT 1 FROM audit LIMIT 1').get();
  }

  private nowSeconds(): number {
    return Math.floor(this.clock().getTime() / 1000);
  }
}
