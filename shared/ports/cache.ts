import type { HealthCheck } from './health.ts';

/**
 * Values larger than this (UTF-8 bytes) are not cached: `set` skips them, so every adapter fits a DynamoDB
 * item (400 KB with its key and expiry).
 */
export const MAX_CACHED_VALUE_BYTES = 380 * 1024;

/**
 * A shared key-value cache with a TTL (DynamoDB in the cloud, SQLite locally), read behind a per-container
 * LRU. Values are JSON strings. Component `cache` in `/health`.
 */
export interface Cache extends HealthCheck {
  /** The value, or undefined when there is none or it has outlived its TTL. */
  get(key: string): Promise<string | undefined>;
  /**
   * Stores `value` for `ttlSeconds` (a positive whole number; the expiry is rounded up to a whole second). A value
   * over `MAX_CACHED_VALUE_BYTES` is not stored, and any older value under the key is dropped.
   */
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
  delete(keys: readonly string[]): Promise<void>;
}

/** This container's own memory of cached values, in front of the shared `Cache`: synchronous and short-lived. */
export interface MemoryCache {
  get(key: string): string | undefined;
  set(key: string, value: string): void;
  delete(keys: readonly string[]): void;
}
