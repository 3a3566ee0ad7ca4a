import type { BundleResult, CacheHitRateResult, ColdStartResult, TargetCheck, WarmSection } from './results.ts';

/** The performance targets this bench checks. */
export const TARGETS = {
  /** Minified HTTP bundle, source map excluded; 1 KB = 1024 bytes. */
  httpBundleBytes: 300 * 1024,
  /** Cold start median, as a multiple of the hello-world baseline's median. */
  coldStartRatio: 2,
  /** Warm `GET /health` p95 on the local runtime, embedded defaults. */
  warmHealthP95Ms: 10,
  /** The seed's target for the cache: hits over all reads, above this. */
  cacheHitRate: 0.85,
} as const;

export const WARM_HEALTH = 'GET /health';

export function checkTargets(
  bundles: readonly BundleResult[],
  coldStarts: readonly ColdStartResult[],
  warm: WarmSection,
): TargetCheck[] {
  const bundleChecks = bundles
    .filter((bundle) => bundle.kind === 'http')
    .map((bundle): TargetCheck => ({
      target: 'HTTP bundle size',
      subject: bundle.name,
      limit: `≤ ${kb(TARGETS.httpBundleBytes)}`,
      measured: kb(bundle.bytes),
      status: bundle.bytes <= TARGETS.httpBundleBytes ? 'PASS' : 'FAIL',
    }));
  const coldChecks = coldStarts
    .filter((cold) => cold.kind !== 'baseline')
    .map((cold): TargetCheck => ({
      target: 'Cold start',
      subject: cold.name,
      limit: `≤ ${TARGETS.coldStartRatio}× baseline`,
      measured: `${cold.ratioToBaseline.toFixed(2)}× (${cold.medianMs.toFixed(1)} ms)`,
      status: cold.responseOk && cold.ratioToBaseline <= TARGETS.coldStartRatio ? 'PASS' : 'FAIL',
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
  return [...bundleChecks, ...coldChecks, warmCheck];
}

export function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
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
