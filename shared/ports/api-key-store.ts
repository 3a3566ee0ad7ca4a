import type { ApiKeyPage, ApiKeyRecord } from '#shared/domain/api-keys';
import type { HealthCheck } from './health.ts';

/** API keys, found by the hash of the key a caller presents. */
export interface ApiKeyStore extends HealthCheck {
  /** Stores a new key; throws `ConflictError` if its hash is already stored. */
  create(record: Omit<ApiKeyRecord, 'lastUsedAt' | 'revokedAt'>): Promise<void>;
  /** The key with that hash, revoked or not, read consistently (a revocation is seen at once). */
  findByHash(keyHash: string): Promise<ApiKeyRecord | undefined>;
  /**
   * One page of the owner's keys, revoked ones included, oldest first (ties by key id); never the hash.
   * Following `cursor` visits every key once. A cursor not issued for this owner is a `ValidationError`.
   */
  listByOwner(owner: string, page: { limit: number; cursor?: string }): Promise<ApiKeyPage>;
  /** How many of the owner's keys are not revoked. */
  countActive(owner: string): Promise<number>;
  /**
   * Marks the owner's key revoked (the first revocation time is kept). False when the owner has no key
   * with that id. Revoking a key created moments ago may, in DynamoDB, wait for the owner index to catch up.
   */
  revoke(keyId: string, owner: string, at: Date): Promise<boolean>;
  /**
   * Sets `lastUsedAt` to `at`, only if it is unset or older than `staleBefore`, so that concurrent
   * containers write at most once per interval. Does nothing for an unknown key.
   */
  touch(keyHash: string, at: Date, staleBefore: Date): Promise<void>;
}
