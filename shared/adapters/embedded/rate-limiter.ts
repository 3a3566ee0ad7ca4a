/* eslint-disable @typescript-eslint/require-await -- synchronous SQLite behind an async port: `async` turns its throws into rejections */
import type { DatabaseSync } from 'node:sqlite';
import {
  RATE_LIMIT_EXPIRY_MARGIN_SECONDS,
  rateLimitBucket,
  rateLimitDecision,
  rateLimitWindow,
} from '#shared/domain/rate-limits';
import type { RateLimitDecision, RateLimitRule } from '#shared/domain/rate-limits';
import type { RateLimiter } from '#shared/ports/rate-limiter';
import { transaction } from './database.ts';
import { ensureEmbeddedSchema } from './schema.ts';

/**
 * Fixed-window counters in the embedded SQLite, the same algorithm as the DynamoDB adapter: one row per
 * (hashed key, window), counted up in one transaction. Counters of past windows are deleted as they expire.
 */
export class EmbeddedRateLimiter implements RateLimiter {
  readonly component = 'rate-limits';
  readonly adapter = 'embedded';
  private readonly database: DatabaseSync;

  constructor(options: { database: DatabaseSync }) {
    this.database = options.database;
    ensureEmbeddedSchema(this.database);
  }

  async consume(key: string, rule: RateLimitRule, now: Date = new Date()): Promise<RateLimitDecision> {
    const window = rateLimitWindow(rule, now);
    const hits = transaction(this.database, () => {
      this.database.prepare('DELETE FROM rate_limits WHERE expiresAt < ?').run(Math.floor(now.getTime() / 1000));
      const row = this.database
        .prepare(
          `INSERT INTO rate_limits (bucket, hits, expiresAt) VALUES (?, 1, ?)
           ON CONFLICT (bucket) DO UPDATE SET hits = hits + 1 RETURNING hits`,
        )
        .get(rateLimitBucket(key, rule, window), window.end + RATE_LIMIT_EXPIRY_MARGIN_SECONDS);
      return Number(row?.hits);
    });
    return rateLimitDecision(hits, rule, window, now);
  }

  async check(): Promise<void> {
    this.database.prepare('SELECT 1 FROM rate_limits LIMIT 1').get();
  }
}
