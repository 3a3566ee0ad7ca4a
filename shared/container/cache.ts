import { config } from '#shared/config';
import { DynamoCache } from '#shared/adapters/dynamodb/cache';
import { EmbeddedCache } from '#shared/adapters/embedded/cache';
import { LocalCache } from '#shared/adapters/memory/lru';
import type { Cache } from '#shared/ports/cache';
import type { ReadThroughDeps } from '#shared/services/read-through';
import { embeddedDatabase } from './embedded-database.ts';
import { once } from './lifecycle.ts';
import { dynamoDocumentClient } from './aws-clients.ts';

/**
 * How long a container serves a value from its own memory: the shared cache is the consistency point,
 * invalidated on every write, and another container's memory may serve the old value for up to this long.
 */
export const LOCAL_CACHE_MAX_TTL_SECONDS = 5;

/** Memory the local cache may hold; 1,000 entries of the largest cacheable value would not fit in a Lambda. */
export const LOCAL_CACHE_MAX_BYTES = 32 * 1024 * 1024;

/** DynamoDB when `CACHE_TABLE` is set (shared by every container), else the embedded cache. */
export const sharedCache = once((): Cache => {
  const table = config().tables.cache;
  return table
    ? new DynamoCache({ tableName: table, client: dynamoDocumentClient() })
    : new EmbeddedCache({ database: embeddedDatabase() });
});

/** This container's LRU: `CACHE_LOCAL_ENTRIES` values (0: none) for at most `LOCAL_CACHE_MAX_TTL_SECONDS`. */
export const localCache = once((): LocalCache => {
  const { ttlSeconds, localEntries } = config().cache;
  return new LocalCache({
    maxEntries: localEntries,
    maxBytes: LOCAL_CACHE_MAX_BYTES,
    ttlMs: Math.min(ttlSeconds, LOCAL_CACHE_MAX_TTL_SECONDS) * 1000,
  });
});

/** What `readThrough` and `invalidate` use unless told otherwise. */
export function readThroughDeps(): ReadThroughDeps {
  return { local: localCache(), shared: sharedCache(), ttlSeconds: config().cache.ttlSeconds };
}
