import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EmbeddedCache } from '#shared/adapters/embedded/cache';
import { openEmbeddedDatabase } from '#shared/adapters/embedded/database';
import { LocalCache } from '#shared/adapters/memory/lru';
import { readThroughDeps } from '#shared/container/cache';
import { METRIC, metrics } from '#shared/observability/metrics';
import type { Cache } from '#shared/ports/cache';
import { cacheKeys, invalidate, readThrough, type ReadThroughDeps } from '#shared/services/read-through';
import { useEmbeddedDefaults } from '../../support/embedded.ts';

const LOCAL_TTL_MS = 5_000;
const SHARED_TTL_SECONDS = 300;
const concept = { id: 'c-1', name: 'Yggdrasil', tags: ['tree'] };

/** A loader standing in for the graph, counting how often it is asked. */
function countingLoader<T>(value: T | undefined) {
  const loader = {
    calls: 0,
    load: (): Promise<T | undefined> => {
      loader.calls += 1;
      return Promise.resolve(value);
    },
  };
  return loader;
}

/** A shared cache that is down. */
const unreachableCache: Cache = {
  component: 'cache',
  adapter: 'unreachable',
  get: () => Promise.reject(new Error('connect ECONNREFUSED')),
  set: () => Promise.reject(new Error('connect ECONNREFUSED')),
  delete: () => Promise.reject(new Error('connect ECONNREFUSED')),
  check: () => Promise.reject(new Error('connect ECONNREFUSED')),
};

describe('readThrough', () => {
  let now: number;
  let database: ReturnType<typeof openEmbeddedDatabase>;
  let deps: ReadThroughDeps;

  function localCache(maxEntries = 100): LocalCache {
    return new LocalCache({ maxEntries, maxBytes: 1024 * 1024, ttlMs: LOCAL_TTL_MS, now: () => now });
  }

  beforeEach(() => {
    now = Date.parse('2030-01-01T00:00:00.000Z');
    database = openEmbeddedDatabase({ dataDir: '', inMemory: true });
    deps = {
      local: localCache(),
      shared: new EmbeddedCache({ database, clock: () => new Date(now) }),
      ttlSeconds: SHARED_TTL_SECONDS,
    };
  });

  afterEach(() => {
    vi.restoreAllMocks();
    database.close();
  });

  it('loads from the origin on the first read', async () => {
    // Prepare
    const loader = countingLoader(concept);

    // Act
    const read = await readThrough(cacheKeys.concept('c-1'), loader.load, deps);

    // Assess
    expect([read, loader.calls]).toEqual([{ value: concept, source: 'origin' }, 1]);
  });

  it('answers the second read from memory without asking the origin', async () => {
    // Prepare
    const loader = countingLoader(concept);
    await readThrough(cacheKeys.concept('c-1'), loader.load, deps);

    // Act
    const read = await readThrough(cacheKeys.concept('c-1'), loader.load, deps);

    // Assess
    expect([read, loader.calls]).toEqual([{ value: concept, source: 'memory' }, 1]);
  });

  it('answers from the shared cache once the memory entry is older than its TTL', async () => {
    // Prepare
    const loader = countingLoader(concept);
    await readThrough(cacheKeys.concept('c-1'), loader.load, deps);
    now += LOCAL_TTL_MS + 1;

    // Act
    const read = await readThrough(cacheKeys.concept('c-1'), loader.load, deps);

    // Assess
    expect([read, loader.calls]).toEqual([{ value: concept, source: 'shared' }, 1]);
  });

  it('answers from the shared cache in another container, and from memory there next', async () => {
    // Prepare
    const loader = countingLoader(concept);
    await readThrough(cacheKeys.concept('c-1'), loader.load, deps);
    const otherContainer = { ...deps, local: localCache() };

    // Act
    const reads = [
      await readThrough(cacheKeys.concept('c-1'), loader.load, otherContainer),
      await readThrough(cacheKeys.concept('c-1'), loader.load, otherContainer),
    ];

    // Assess
    expect(reads.map((read) => read.source)).toEqual(['shared', 'memory']);
  });

  it('loads from the origin once the shared entry has outlived its TTL too', async () => {
    // Prepare
    const loader = countingLoader(concept);
    await readThrough(cacheKeys.concept('c-1'), loader.load, deps);
    now += (SHARED_TTL_SECONDS + 1) * 1000;

    // Act
    const read = await readThrough(cacheKeys.concept('c-1'), loader.load, deps);

    // Assess
    expect([read.source, loader.calls]).toEqual(['origin', 2]);
  });

  it('loads from the origin after the key is invalidated', async () => {
    // Prepare
    const loader = countingLoader(concept);
    await readThrough(cacheKeys.concept('c-1'), loader.load, deps);
    await invalidate([cacheKeys.concept('c-1')], deps);

    // Act
    const read = await readThrough(cacheKeys.concept('c-1'), loader.load, deps);

    // Assess
    expect([read.source, loader.calls]).toEqual(['origin', 2]);
  });

  it('leaves other keys cached when one is invalidated', async () => {
    // Prepare
    const loader = countingLoader(concept);
    await readThrough(cacheKeys.claim('k-1'), loader.load, deps);
    await invalidate([cacheKeys.claim('k-2'), cacheKeys.evidence('k-1')], deps);

    // Act
    const read = await readThrough(cacheKeys.claim('k-1'), loader.load, deps);

    // Assess
    expect(read.source).toBe('memory');
  });

  it('does not cache a value the origin does not have', async () => {
    // Prepare
    const loader = countingLoader(undefined);
    await readThrough(cacheKeys.concept('missing'), loader.load, deps);

    // Act
    const read = await readThrough(cacheKeys.concept('missing'), loader.load, deps);

    // Assess
    expect([read, loader.calls]).toEqual([{ value: undefined, source: 'origin' }, 2]);
  });

  it('serves from the shared cache on every read when the container keeps no entries', async () => {
    // Prepare
    const loader = countingLoader(concept);
    const withoutMemory = { ...deps, local: localCache(0) };
    await readThrough(cacheKeys.concept('c-1'), loader.load, withoutMemory);

    // Act
    const read = await readThrough(cacheKeys.concept('c-1'), loader.load, withoutMemory);

    // Assess
    expect(read.source).toBe('shared');
  });

  it('counts a hit for memory and shared answers and a miss for the origin', async () => {
    // Prepare
    const addMetric = vi.spyOn(metrics, 'addMetric');
    const loader = countingLoader(concept);

    // Act
    await readThrough(cacheKeys.concept('c-1'), loader.load, deps);
    await readThrough(cacheKeys.concept('c-1'), loader.load, deps);
    await readThrough(cacheKeys.concept('c-1'), loader.load, { ...deps, local: localCache() });

    // Assess
    expect(addMetric.mock.calls.map(([name]) => name)).toEqual([
      METRIC.cacheMisses,
      METRIC.cacheHits,
      METRIC.cacheHits,
    ]);
  });

  it('reads from the origin and counts an error when the shared cache is down', async () => {
    // Prepare
    const addMetric = vi.spyOn(metrics, 'addMetric');
    const loader = countingLoader(concept);

    // Act
    const read = await readThrough(cacheKeys.concept('c-1'), loader.load, { ...deps, shared: unreachableCache });

    // Assess
    expect(read).toEqual({ value: concept, source: 'origin' });
    expect(addMetric.mock.calls.map(([name]) => name)).toContain(METRIC.cacheErrors);
  });

  it('still serves from memory what it loaded while the shared cache was down', async () => {
    // Prepare
    const loader = countingLoader(concept);
    const sharedDown = { ...deps, shared: unreachableCache };
    await readThrough(cacheKeys.concept('c-1'), loader.load, sharedDown);

    // Act
    const read = await readThrough(cacheKeys.concept('c-1'), loader.load, sharedDown);

    // Assess
    expect([read.source, loader.calls]).toEqual(['memory', 1]);
  });

  it('reads from the origin when the shared entry is not valid JSON', async () => {
    // Prepare
    await deps.shared.set(cacheKeys.concept('c-1'), '{not json', SHARED_TTL_SECONDS);
    const loader = countingLoader(concept);

    // Act
    const read = await readThrough(cacheKeys.concept('c-1'), loader.load, deps);

    // Assess
    expect(read).toEqual({ value: concept, source: 'origin' });
  });

  it('does not fail an invalidation when the shared cache is down, and counts an error', async () => {
    // Prepare
    const addMetric = vi.spyOn(metrics, 'addMetric');

    // Act
    const invalidated = invalidate([cacheKeys.concept('c-1')], { ...deps, shared: unreachableCache });

    // Assess
    await expect(invalidated).resolves.toBeUndefined();
    expect(addMetric).toHaveBeenCalledWith(METRIC.cacheErrors, 'Count', 1);
  });

  it('forgets an invalidated key in this container’s memory even when the shared cache is down', async () => {
    // Prepare
    const loader = countingLoader(concept);
    const sharedDown = { ...deps, shared: unreachableCache };
    await readThrough(cacheKeys.concept('c-1'), loader.load, sharedDown);
    await invalidate([cacheKeys.concept('c-1')], sharedDown);

    // Act
    const read = await readThrough(cacheKeys.concept('c-1'), loader.load, sharedDown);

    // Assess
    expect([read.source, loader.calls]).toEqual(['origin', 2]);
  });
});

describe('readThrough with the container’s caches', () => {
  useEmbeddedDefaults();

  it('uses the embedded shared cache and this container’s memory from the container', async () => {
    // Prepare
    const loader = countingLoader(concept);
    await readThrough(cacheKeys.concept('c-1'), loader.load, readThroughDeps());

    // Act
    const read = await readThrough(cacheKeys.concept('c-1'), loader.load, readThroughDeps());

    // Assess
    expect([read.source, loader.calls]).toEqual(['memory', 1]);
  });
});
