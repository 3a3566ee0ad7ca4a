import type {
  BenchResults,
  BundleResult,
  CacheHitRateResult,
  ColdStartResult,
  ConceptReadsSection,
  GraphQueryResult,
  MiddlewareMeasurement,
  MiddlewareRow,
  MiddlewareSection,
  WarmResult,
} from '../../bench/results.ts';

export function bundle(name: string, kind: BundleResult['kind'], bytes: number, besideBytes = 0): BundleResult {
  return {
    name,
    kind,
    entry: `functions/${kind}/${name}.ts`,
    bytes,
    sourceMapBytes: bytes,
    besideBytes,
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
    medianWithSourceMapsMs: medianMs - 2,
    peakRssBytes: 90 * 1024 * 1024,
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

/** A measurement of the trivial handler: p50, p95 and p99 of `p99Ms` / 4, / 2 and itself. */
export function middlewareMeasurement(
  stack: MiddlewareMeasurement['stack'],
  p99Ms: number,
  overrides: Partial<MiddlewareMeasurement> = {},
): MiddlewareMeasurement {
  return {
    name: stack === 'bare' ? 'bare handler' : `middleware stack, ${stack}`,
    stack,
    route: stack === 'authenticated' ? 'GET /concepts/{conceptId}' : 'GET /health',
    credential: stack === 'authenticated' ? 'bearer token' : 'none',
    invocations: 1000,
    unexpectedResponses: 0,
    p50Ms: p99Ms / 4,
    p95Ms: p99Ms / 2,
    p99Ms,
    ...overrides,
  };
}

/** A row whose added latency is over a bare handler that takes no time at all, so added = measured. */
export function middlewareRow(
  stack: MiddlewareMeasurement['stack'],
  p99Ms: number,
  overrides: Partial<MiddlewareRow> = {},
): MiddlewareRow {
  const measurement = middlewareMeasurement(stack, p99Ms);
  const added = stack === 'bare' ? 0 : 1;
  return {
    ...measurement,
    addedP50Ms: measurement.p50Ms * added,
    addedP95Ms: measurement.p95Ms * added,
    addedP99Ms: measurement.p99Ms * added,
    ...overrides,
  };
}

/** The bare handler at 0 ms, the public stack at 0.1 ms p99, the bearer-token stack at 2 ms p99. */
export function middlewareSection(): MiddlewareSection {
  return {
    warmupInvocations: 200,
    rows: [middlewareRow('bare', 0), middlewareRow('public', 0.1), middlewareRow('authenticated', 2)],
  };
}

export function graphQuery(p95Ms: number, failures = 0): GraphQueryResult {
  return {
    operation: 'Neo4jKnowledgeStore.getConcept',
    queries: 100,
    failures,
    p50Ms: p95Ms / 2,
    p95Ms,
    p99Ms: p95Ms * 2,
  };
}

/** Reads against Neo4j: uncached at `uncachedP95Ms`, cached at 2 ms, the graph query at `graphP95Ms` (p95). */
export function conceptReads(uncachedP95Ms = 12, graphP95Ms = 6): ConceptReadsSection {
  return {
    ran: true,
    concepts: 151,
    warmupReads: 50,
    cache: { ttlSeconds: 300, localEntries: 1000, localTtlSeconds: 5 },
    neo4jStartSeconds: 8.2,
    baseline: warmResult('GET / (ok)', 'baseline', 1),
    uncached: warmResult('GET /concepts/{id} uncached', 'local-runtime-neo4j', uncachedP95Ms),
    cached: warmResult('GET /concepts/{id} cached', 'local-runtime-neo4j', 2),
    graphQuery: graphQuery(graphP95Ms),
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
    settings: { coldRuns: 3, warmRequests: 100, warmupRequests: 10, middlewareInvocations: 1000, conceptReads: 100 },
    bundles: [
      bundle('health', 'http', 1100 * 1024),
      bundle('fallback', 'http', 100 * 1024),
      bundle('baseline', 'baseline', 245),
    ],
    coldStarts: [
      coldStart('health', 'http', 50),
      coldStart('fallback', 'http', 30),
      coldStart('baseline', 'baseline', 20),
    ],
    warm: { results: [warmResult('GET / (ok)', 'baseline', 1), warmResult('GET /health', 'local-runtime', 4)] },
    middleware: middlewareSection(),
    conceptReads: conceptReads(),
    cache: cacheResult(),
    targets: [
      { target: 'Bundle size', subject: 'health', limit: '≤ 1024.0 KB', measured: '1100.0 KB', status: 'FAIL' },
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
