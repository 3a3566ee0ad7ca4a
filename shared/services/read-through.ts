import { logger } from '#shared/observability/logger';
import { METRIC, metrics, MetricUnit } from '#shared/observability/metrics';
import type { Cache, MemoryCache } from '#shared/ports/cache';

export interface ReadThroughDeps {
  /** This container's LRU, short-lived: other containers' writes reach it only when its entries expire. */
  readonly local: MemoryCache;
  /** The consistency point: every write invalidates here. */
  readonly shared: Cache;
  /** How long the shared cache keeps a loaded value. */
  readonly ttlSeconds: number;
}

/** Where a read was answered from. */
export type CacheSource = 'memory' | 'shared' | 'origin';

export interface CachedRead<T> {
  readonly value: T | undefined;
  readonly source: CacheSource;
}

/**
 * The cache keys of everything `readThrough` holds, in one place, so a read and the writes that
 * invalidate it cannot disagree.
 *
 * @example
 * await invalidate([cacheKeys.claim(claimId), cacheKeys.evidence(claimId)]);
 */
export const cacheKeys = {
  concept: (conceptId: string): string => `concept:${conceptId}`,
  claim: (claimId: string): string => `claim:${claimId}`,
  evidence: (claimId: string): string => `evidence:${claimId}`,
} as const;

/**
 * `key`'s value from this container's memory, else from the shared cache, else from `load` (then stored in
 * both as JSON). `undefined` from `load` (not found) is not cached. `T` must survive a JSON round trip.
 * A failing shared cache never fails the read: it is logged, counted as `CacheErrors`, and `load` answers.
 * Each read counts one `CacheHits` (memory or shared) or one `CacheMisses` (origin).
 *
 * A read that loads just before a write commits and stores just after that write's `invalidate` leaves
 * the old value cached until the TTL: writers invalidate after committing, which keeps the window to the
 * few milliseconds between a load and its store.
 *
 * @example
 * const { value } = await readThrough(cacheKeys.concept(id), () => deps.concepts.getConcept(id));
 */
export async function readThrough<T>(
  key: string,
  load: () => Promise<T | undefined>,
  deps: ReadThroughDeps,
): Promise<CachedRead<T>> {
  const remembered = deps.local.get(key);
  if (remembered !== undefined) {
    countRead('hit');
    return { value: JSON.parse(remembered) as T, source: 'memory' };
  }
  const shared = await sharedValue(deps.shared, key);
  if (shared !== undefined) {
    deps.local.set(key, shared.json);
    countRead('hit');
    return { value: shared.value as T, source: 'shared' };
  }
  countRead('miss');
  const value = await load();
  if (value !== undefined) {
    const json = JSON.stringify(value);
    deps.local.set(key, json);
    await storeShared(deps, key, json);
  }
  return { value, source: 'origin' };
}

/**
 * Forgets `keys` in the shared cache and in this container's memory; call it after a write commits.
 * A failing shared cache does not fail the write, which has happened: it is logged as an error and counted
 * as `CacheErrors`, and readers may see the old value until the TTL.
 */
export async function invalidate(keys: readonly string[], deps: ReadThroughDeps): Promise<void> {
  deps.local.delete(keys);
  try {
    await deps.shared.delete(keys);
  } catch (error) {
    countError();
    logger.error('Cache invalidation failed; readers may see old values until the TTL', { keys, error });
  }
}

/** The shared cache's entry, parsed; a failure to read or parse it counts as an error and a miss. */
async function sharedValue(shared: Cache, key: string): Promise<{ json: string; value: unknown } | undefined> {
  try {
    const json = await shared.get(key);
    return json === undefined ? undefined : { json, value: JSON.parse(json) as unknown };
  } catch (error) {
    countError();
    logger.warn('Cache read failed; reading from the origin', { key, error });
    return undefined;
  }
}

async function storeShared(deps: ReadThroughDeps, key: string, json: string): Promise<void> {
  try {
    await deps.shared.set(key, json, deps.ttlSeconds);
  } catch (error) {
    countError();
    logger.warn('Cache write failed', { key, error });
  }
}

function countRead(outcome: 'hit' | 'miss'): void {
  metrics.addMetric(outcome === 'hit' ? METRIC.cacheHits : METRIC.cacheMisses, MetricUnit.Count, 1);
}

function countError(): void {
  metrics.addMetric(METRIC.cacheErrors, MetricUnit.Count, 1);
}
