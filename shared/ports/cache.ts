import type { HealthCheck } from './health.ts';

/**
 * A shared key-value cache with a TTL (DynamoDB in the cloud, SQLite locally), read behind a per-container
 * LRU. Values are JSON strings. Component `cache` in `/health`.
 */
export interface Cache extends HealthCheck {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
  delete(keys: readonly string[]): Promise<void>;
}
