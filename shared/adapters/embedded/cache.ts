/* eslint-disable @typescript-eslint/require-await -- synchronous SQLite behind an async port: `async` turns its throws into rejections */
import type { DatabaseSync } from 'node:sqlite';
import { METRIC, metrics, MetricUnit } from '#shared/observability/metrics';
import { MAX_CACHED_VALUE_BYTES } from '#shared/ports/cache';
import type { Cache } from '#shared/ports/cache';
import { transaction } from './database.ts';
import { ensureEmbeddedSchema } from './schema.ts';

/**
 * The shared cache in the embedded SQLite, with the DynamoDB adapter's rules: expiry in whole epoch
 * seconds, rounded up; an expired entry is never served (and is deleted when met); a value over
 * `MAX_CACHED_VALUE_BYTES` is not stored.
 */
export class EmbeddedCache implements Cache {
  readonly component = 'cache';
  readonly adapter = 'embedded';
  private readonly database: DatabaseSync;
  private readonly clock: () => Date;

  constructor(options: { database: DatabaseSync; clock?: () => Date }) {
    this.database = options.database;
    this.clock = options.clock ?? (() => new Date());
    ensureEmbeddedSchema(this.database);
  }

  async get(key: string): Promise<string | undefined> {
    const row = this.database.prepare('SELECT value, expiresAt FROM cache WHERE key = ?').get(key);
    if (!row) return undefined;
    if (Number(row.expiresAt) * 1000 <= this.clock().getTime()) {
      this.database.prepare('DELETE FROM cache WHERE key = ? AND expiresAt = ?').run(key, Number(row.expiresAt));
      return undefined;
    }
    return String(row.value);
  }

  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    requireTtl(ttlSeconds);
    if (Buffer.byteLength(value) > MAX_CACHED_VALUE_BYTES) {
      metrics.addMetric(METRIC.cacheValuesTooLarge, MetricUnit.Count, 1);
      this.database.prepare('DELETE FROM cache WHERE key = ?').run(key);
      return;
    }
    const nowMs = this.clock().getTime();
    transaction(this.database, () => {
      // Entries nobody reads again would otherwise stay; the index keeps this sweep cheap.
      this.database.prepare('DELETE FROM cache WHERE expiresAt <= ?').run(Math.floor(nowMs / 1000));
      this.database
        .prepare('INSERT OR REPLACE INTO cache (key, value, expiresAt) VALUES (?, ?, ?)')
        .run(key, value, Math.ceil(nowMs / 1000) + ttlSeconds);
    });
  }

  async delete(keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    transaction(this.database, () => {
      const remove = this.database.prepare('DELETE FROM cache WHERE key = ?');
      for (const key of keys) remove.run(key);
    });
  }

  async check(): Promise<void> {
    this.database.prepare('SELECT 1 FROM cache LIMIT 1').get();
  }
}

function requireTtl(ttlSeconds: number): void {
  if (!Number.isInteger(ttlSeconds) || ttlSeconds < 1) {
    throw new RangeError(`ttlSeconds must be a positive whole number, got ${ttlSeconds}`);
  }
}
