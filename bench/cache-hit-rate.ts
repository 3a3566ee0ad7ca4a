import './quiet-metrics.ts';
import { openEmbeddedDatabase } from '#shared/adapters/embedded/database';
import { EmbeddedCache } from '#shared/adapters/embedded/cache';
import { LocalCache } from '#shared/adapters/memory/lru';
import { loadConfig } from '#shared/config';
import { LOCAL_CACHE_MAX_BYTES, LOCAL_CACHE_MAX_TTL_SECONDS } from '#shared/container/cache';
import { cacheKeys, invalidate, readThrough } from '#shared/services/read-through';
import type { CacheHitRateResult, CacheWorkload } from './results.ts';
import { seededRandom, zipfSampler } from './zipf.ts';

/**
 * GETs of concepts spread over a few warm containers, with writes that invalidate, over more virtual time than
 * the shared TTL: every way the platform's cache can miss is in the replay.
 */
export const CACHE_WORKLOAD: CacheWorkload = {
  keys: 1000,
  reads: 20_000,
  zipfExponent: 1.1,
  containers: 4,
  readsPerSecond: 50,
  writeEvery: 50,
  seed: 20_250_101,
};

/**
 * Replays a Zipf-distributed read workload through `readThrough` on the embedded shared cache and one
 * `LocalCache` per simulated container, with the platform's default cache settings, on a virtual clock
 * (so the TTLs count without the bench waiting). Each write invalidates its key, as a PATCH would.
 */
export async function measureCacheHitRate(workload: CacheWorkload = CACHE_WORKLOAD): Promise<CacheHitRateResult> {
  const { ttlSeconds, localEntries } = loadConfig({}).cache;
  const localTtlSeconds = Math.min(ttlSeconds, LOCAL_CACHE_MAX_TTL_SECONDS);
  let now = Date.parse('2030-01-01T00:00:00.000Z');
  const database = openEmbeddedDatabase({ dataDir: '', inMemory: true });
  const shared = new EmbeddedCache({ database, clock: () => new Date(now) });
  const containers = Array.from({ length: workload.containers }, () => ({
    shared,
    ttlSeconds,
    local: new LocalCache({
      maxEntries: localEntries,
      maxBytes: LOCAL_CACHE_MAX_BYTES,
      ttlMs: localTtlSeconds * 1000,
      now: () => now,
    }),
  }));
  const random = seededRandom(workload.seed);
  const drawRank = zipfSampler({ keys: workload.keys, exponent: workload.zipfExponent, random });
  const loadConcept = (rank: number) => () => Promise.resolve(simulatedConcept(rank));

  const counts = { memory: 0, shared: 0, origin: 0 };
  let writes = 0;
  const started = performance.now();
  try {
    for (let read = 1; read <= workload.reads; read += 1) {
      now += 1000 / workload.readsPerSecond;
      const container = containers[Math.floor(random() * containers.length)] ?? containers[0];
      if (!container) throw new RangeError('the workload needs at least one container');
      const rank = drawRank();
      const { source } = await readThrough(cacheKeys.concept(`c-${rank}`), loadConcept(rank), container);
      counts[source] += 1;
      if (read % workload.writeEvery === 0) {
        await invalidate([cacheKeys.concept(`c-${drawRank()}`)], container);
        writes += 1;
      }
    }
  } finally {
    database.close();
  }
  const durationMs = performance.now() - started;
  return {
    workload,
    localEntries,
    localTtlSeconds,
    sharedTtlSeconds: ttlSeconds,
    memoryHits: counts.memory,
    sharedHits: counts.shared,
    originLoads: counts.origin,
    writes,
    hitRate: (counts.memory + counts.shared) / workload.reads,
    memoryHitRate: counts.memory / workload.reads,
    sharedHitRate: counts.shared / workload.reads,
    durationMs,
  };
}

/** What the graph would answer for a concept: about half a kilobyte of JSON. */
function simulatedConcept(rank: number) {
  return {
    id: `c-${rank}`,
    name: `Concept ${rank}`,
    description: 'A node of the knowledge graph, linked to documents and claims. '.repeat(6),
    tags: ['bench', `rank-${rank}`],
    version: 1,
    createdAt: '2030-01-01T00:00:00.000Z',
  };
}
