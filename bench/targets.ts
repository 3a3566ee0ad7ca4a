import { manifest } from '#functions/manifest';
import { MAX_BUNDLE_BYTES } from '#infra/aws/bundle-budgets';
import type {
  BundleResult,
  CacheHitRateResult,
  ColdStartResult,
  ConceptReadsSection,
  MiddlewareSection,
  TargetCheck,
  WarmResult,
  WarmSection,
} from './results.ts';

/** The performance targets this bench checks. */
export const TARGETS = {
  /** Cold start median, as a multiple of the hello-world baseline's median. */
  coldStartRatio: { http: 3.5, httpWithGraph: 5.5, task: 5.5 },
  /** The first event after import, where it makes no network call (only the Bedrock-embedding functions make one). */
  firstEventMs: 10,
  /** Peak RSS of an HTTP function after its first event, so each runs at 256 MB. */
  httpPeakRssBytes: 150 * 1024 * 1024,
  /** Warm `GET /health` p95 on the local runtime, embedded defaults. */
  warmHealthP95Ms: 10,
  /** The seed's target for the cache: hits over all reads, above this. */
  cacheHitRate: 0.85,
  /** What the middleware stack may add to a public route's p99 over the bare handler, excluding I/O. */
  middlewareAddedP99Ms: 1,
  /** Warm `GET /concepts/{id}` p95 against Neo4j, cached or not: an order of magnitude under the seed's. */
  conceptReadP95Ms: 50,
  seedApiP95Ms: 500,
  /** The adapter's concept query p95: an order of magnitude under the seed's graph query target. */
  graphQueryP95Ms: 20,
  seedGraphQueryP95Ms: 200,
} as const;

export const WARM_HEALTH = 'GET /health';

/** The most any function's bundle may weigh, 1 MB, the limit the bundle test checks too (infra/aws/bundle-budgets.ts). */
export function bundleLimit(): number {
  return MAX_BUNDLE_BYTES;
}

/** The cold-start ratio a function must stay under: HTTP functions that reach Neo4j load its driver. */
export function coldStartRatioLimit(name: string): number {
  const fn = manifest.find((candidate) => candidate.name === name);
  if (fn?.kind === 'task') return TARGETS.coldStartRatio.task;
  return fn?.uses.graph ? TARGETS.coldStartRatio.httpWithGraph : TARGETS.coldStartRatio.http;
}

export function checkTargets(
  bundles: readonly BundleResult[],
  coldStarts: readonly ColdStartResult[],
  warm: WarmSection,
): TargetCheck[] {
  const bundleChecks = bundles
    .filter((bundle) => bundle.kind !== 'baseline')
    .map((bundle): TargetCheck => {
      const limit = bundleLimit();
      return {
        target: 'Bundle size',
        subject: bundle.name,
        limit: `≤ ${kb(limit)}`,
        measured: kb(bundle.bytes),
        status: bundle.bytes <= limit ? 'PASS' : 'FAIL',
      };
    });
  const measured = coldStarts.filter((cold) => cold.kind !== 'baseline' && cold.variantOf === undefined);
  const coldChecks = measured.map((cold): TargetCheck => {
    const limit = coldStartRatioLimit(cold.name);
    return {
      target: 'Cold start',
      subject: cold.name,
      limit: `≤ ${limit}× baseline`,
      measured: `${cold.ratioToBaseline.toFixed(2)}× (${cold.medianMs.toFixed(1)} ms)`,
      status: cold.responseOk && cold.ratioToBaseline <= limit ? 'PASS' : 'FAIL',
    };
  });
  const firstEventChecks = measured
    .filter((cold) => cold.calls === undefined)
    .map((cold): TargetCheck => ({
      target: 'First event',
      subject: cold.name,
      limit: `≤ ${TARGETS.firstEventMs} ms`,
      measured: `${cold.medianFirstEventMs.toFixed(1)} ms`,
      status: cold.responseOk && cold.medianFirstEventMs <= TARGETS.firstEventMs ? 'PASS' : 'FAIL',
    }));
  const rssChecks = measured
    .filter((cold) => cold.kind === 'http')
    .map((cold): TargetCheck => ({
      target: 'Peak RSS',
      subject: cold.name,
      limit: `≤ ${mb(TARGETS.httpPeakRssBytes)}`,
      measured: mb(cold.peakRssBytes),
      status: cold.peakRssBytes <= TARGETS.httpPeakRssBytes ? 'PASS' : 'FAIL',
    }));
  const health = warm.results.find((result) => result.server === 'local-runtime' && result.name === WARM_HEALTH);
  const warmCheck: TargetCheck = {
    target: 'Warm p95',
    subject: `${WARM_HEALTH} (local runtime)`,
    limit: `≤ ${TARGETS.warmHealthP95Ms} ms`,
    measured: health ? `${health.p95Ms.toFixed(2)} ms` : 'not measured',
    status: !health
      ? 'NOT MEASURED'
      : health.unexpectedResponses === 0 && health.p95Ms <= TARGETS.warmHealthP95Ms
        ? 'PASS'
        : 'FAIL',
  };
  return [...bundleChecks, ...coldChecks, ...firstEventChecks, ...rssChecks, warmCheck];
}

/** The stack's added p99 on a public route (no I/O) against the bare handler; a wrong status fails it. */
export function checkMiddlewareTarget(middleware: MiddlewareSection): TargetCheck {
  const bare = middleware.rows.find((row) => row.stack === 'bare');
  const wrapped = middleware.rows.find((row) => row.stack === 'public');
  const base = {
    target: 'Middleware added p99',
    subject: wrapped ? `${wrapped.route}, public (trivial handler)` : 'public route (trivial handler)',
    limit: `≤ ${TARGETS.middlewareAddedP99Ms} ms`,
  };
  if (!bare || !wrapped) return { ...base, measured: 'not measured', status: 'NOT MEASURED' };
  const correct = bare.unexpectedResponses === 0 && wrapped.unexpectedResponses === 0;
  return {
    ...base,
    measured: `${wrapped.addedP99Ms.toFixed(3)} ms (p99 ${wrapped.p99Ms.toFixed(3)} − ${bare.p99Ms.toFixed(3)} ms)`,
    status: correct && wrapped.addedP99Ms <= TARGETS.middlewareAddedP99Ms ? 'PASS' : 'FAIL',
  };
}

/** Uncached and cached `GET /concepts/{id}` p95, and the adapter's query p95; NOT RUN when Neo4j was not. */
export function checkConceptReadTargets(reads: ConceptReadsSection): TargetCheck[] {
  const apiLimit = `< ${TARGETS.conceptReadP95Ms} ms (seed: < ${TARGETS.seedApiP95Ms} ms)`;
  const graphLimit = `< ${TARGETS.graphQueryP95Ms} ms (seed: < ${TARGETS.seedGraphQueryP95Ms} ms)`;
  const uncachedSubject = 'GET /concepts/{id} uncached (Neo4j)';
  const cachedSubject = 'GET /concepts/{id} cached';
  const graphSubject = 'Neo4jKnowledgeStore.getConcept';
  if (!reads.ran) {
    const notRun = (target: string, subject: string, limit: string): TargetCheck => ({
      target,
      subject,
      limit,
      measured: 'not run',
      status: 'NOT RUN',
    });
    return [
      notRun('API p95', uncachedSubject, apiLimit),
      notRun('API p95', cachedSubject, apiLimit),
      notRun('Graph query p95', graphSubject, graphLimit),
    ];
  }
  const apiCheck = (subject: string, result: WarmResult): TargetCheck => ({
    target: 'API p95',
    subject,
    limit: apiLimit,
    measured: `${result.p95Ms.toFixed(2)} ms`,
    status: result.unexpectedResponses === 0 && result.p95Ms < TARGETS.conceptReadP95Ms ? 'PASS' : 'FAIL',
  });
  const { graphQuery } = reads;
  return [
    apiCheck(uncachedSubject, reads.uncached),
    apiCheck(cachedSubject, reads.cached),
    {
      target: 'Graph query p95',
      subject: graphSubject,
      limit: graphLimit,
      measured: `${graphQuery.p95Ms.toFixed(2)} ms`,
      status: graphQuery.failures === 0 && graphQuery.p95Ms < TARGETS.graphQueryP95Ms ? 'PASS' : 'FAIL',
    },
  ];
}

export function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

export function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MB`;
}

/** The seed's cache target, on the Zipf replay. */
export function checkCacheTarget(cache: CacheHitRateResult): TargetCheck {
  const { workload } = cache;
  return {
    target: 'Cache hit rate',
    subject: `Zipf replay (s = ${workload.zipfExponent}, ${workload.keys} keys, ${workload.reads} reads)`,
    limit: `> ${percent(TARGETS.cacheHitRate)}`,
    measured: percent(cache.hitRate),
    status: cache.hitRate > TARGETS.cacheHitRate ? 'PASS' : 'FAIL',
  };
}

/** `0.8532` → `85.3 %`. */
export function percent(ratio: number): string {
  return `${(ratio * 100).toFixed(1)} %`;
}
