import type {
  BenchResults,
  BundleResult,
  CacheHitRateResult,
  ColdStartResult,
  WarmResult,
} from '../../bench/results.ts';

export function bundle(name: string, kind: BundleResult['kind'], bytes: number): BundleResult {
  return {
    name,
    kind,
    entry: `functions/${kind}/${name}.ts`,
    bytes,
    sourceMapBytes: bytes,
    largestSources: [{ source: 'zod', bytes: 2048 }],
    externals: ['@aws-sdk/client-sqs'],
  };
}

export function coldStart(
  name: string,
  kind: ColdStartResult['kind'],
  medianMs: number,
  baselineMs = 20,
): ColdStartResult {
  return {
    name,
    kind,
    firstResponse: 'HTTP 200',
    responseOk: true,
    runs: 3,
    medianMs,
    ratioToBaseline: medianMs / baselineMs,
    medianBootMs: 20,
    medianImportMs: medianMs - 21,
    medianFirstEventMs: 1,
    medianSpawnToResultMs: medianMs + 5,
    medianWithoutSourceMapsMs: medianMs - 2,
    samplesMs: [medianMs - 1, medianMs, medianMs + 1],
  };
}

export function warmResult(name: string, server: WarmResult['server'], p95Ms: number): WarmResult {
  return {
    name,
    server,
    requests: 100,
    unexpectedResponses: 0,
    expectedStatus: 200,
    p50Ms: p95Ms / 2,
    p95Ms,
    p99Ms: p95Ms * 2,
    p50Ratio: 1,
    p95Ratio: 1,
  };
}

/** A replay of 1,000 reads: 500 from memory, 400 from the shared cache, 100 from the origin. */
export function cacheResult(hits = { memory: 500, shared: 400 }): CacheHitRateResult {
  const reads = 1000;
  return {
    workload: {
      keys: 100,
      reads,
      zipfExponent: 1.1,
      containers: 2,
      readsPerSecond: 50,
      writeEvery: 50,
      seed: 1,
    },
    localEntries: 1000,
    localTtlSeconds: 5,
    sharedTtlSeconds: 300,
    memoryHits: hits.memory,
    sharedHits: hits.shared,
    originLoads: reads - hits.memory - hits.shared,
    writes: 20,
    hitRate: (hits.memory + hits.shared) / reads,
    memoryHitRate: hits.memory / reads,
    sharedHitRate: hits.shared / reads,
    durationMs: 25,
  };
}

/** One small, fixed run: a health function over the size target, a fallback under it, and their baselines. */
export function fixedResults(): BenchResults {
  return {
    date: '2025-01-02T03:04:05.000Z',
    command: 'npm run bench',
    revision: 'abc1234',
    node: 'v22.0.0',
    machine: { cpus: 2, model: 'Test CPU', platform: 'linux x64', memoryGiB: 24, loadAverage: 0.5 },
    settings: { coldRuns: 3, warmRequests: 100, warmupRequests: 10 },
    bundles: [
      bundle('health', 'http', 400 * 1024),
      bundle('fallback', 'http', 100 * 1024),
      bundle('baseline', 'baseline', 245),
    ],
    coldStarts: [
      coldStart('health', 'http', 50),
      coldStart('fallback', 'http', 30),
      coldStart('baseline', 'baseline', 20),
    ],
    warm: { results: [warmResult('GET / (ok)', 'baseline', 1), warmResult('GET /health', 'local-runtime', 4)] },
    cache: cacheResult(),
    targets: [
      { target: 'HTTP bundle size', subject: 'health', limit: '≤ 300.0 KB', measured: '400.0 KB', status: 'FAIL' },
      {
        target: 'Warm p95',
        subject: 'GET /health (local runtime)',
        limit: '≤ 10 ms',
        measured: '4.00 ms',
        status: 'PASS',
      },
    ],
    durationSeconds: 12.3,
  };
}
