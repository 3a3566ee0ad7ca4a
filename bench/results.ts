import type { BundleShare } from './bundle-composition.ts';

/** Everything one `npm run bench` measured; written as bench/results.json and rendered as bench/RESULTS.md. */
export interface BenchResults {
  /** ISO 8601, when the run started. */
  readonly date: string;
  readonly command: string;
  /** Commit of the measured code, e.g. `9503a17 (+ local changes)`. */
  readonly revision: string;
  readonly node: string;
  readonly machine: Machine;
  readonly settings: BenchSettings;
  readonly bundles: readonly BundleResult[];
  readonly coldStarts: readonly ColdStartResult[];
  readonly warm: WarmSection;
  readonly cache: CacheHitRateResult;
  readonly targets: readonly TargetCheck[];
  readonly durationSeconds: number;
}

export interface Machine {
  readonly cpus: number;
  readonly model: string;
  readonly platform: string;
  readonly memoryGiB: number;
  /** 1-minute load average when the run started: above the CPU count, other work competed for the cores. */
  readonly loadAverage: number;
}

export interface BenchSettings {
  readonly coldRuns: number;
  readonly warmRequests: number;
  readonly warmupRequests: number;
}

/** `baseline` is the hello-world handler every other subject is compared with. */
export type SubjectKind = 'http' | 'task' | 'baseline';

export interface BundleResult {
  readonly name: string;
  readonly kind: SubjectKind;
  readonly entry: string;
  /** Minified bundle, without its source map. */
  readonly bytes: number;
  readonly sourceMapBytes: number;
  readonly largestSources: readonly BundleShare[];
  /** Packages imported at run time from outside the bundle (the Lambda runtime's AWS SDK). */
  readonly externals: readonly string[];
}

export interface ColdStartResult {
  readonly name: string;
  readonly kind: SubjectKind;
  /** What the first event got back, e.g. `HTTP 200` or `1/1 records ok`. */
  readonly firstResponse: string;
  /** The first response is what the function should give its event (no 5xx, no failed record). */
  readonly responseOk: boolean;
  readonly runs: number;
  /** Process start to handler result, measured in the child; median of the runs. */
  readonly medianMs: number;
  readonly ratioToBaseline: number;
  /** Node's own start-up until the bench's child script runs. */
  readonly medianBootMs: number;
  /** `import()` of the bundle: module evaluation, top-level clients, config. */
  readonly medianImportMs: number;
  /** The first invocation: lazy adapters, middleware, the handler. */
  readonly medianFirstEventMs: number;
  /** Spawn to result as the parent saw it (includes exec and pipe latency); a cross-check only. */
  readonly medianSpawnToResultMs: number;
  /** The same without `--enable-source-maps`: the difference is what reading the source map costs. */
  readonly medianWithoutSourceMapsMs: number;
  readonly samplesMs: readonly number[];
}

export interface WarmSection {
  /** Set when the local runtime could not be measured; its rows are then missing. */
  readonly unavailable?: string;
  readonly results: readonly WarmResult[];
}

export interface WarmResult {
  /** `GET /health`, or `bare node:http` for the baseline. */
  readonly name: string;
  readonly server: 'local-runtime' | 'baseline';
  readonly requests: number;
  /** Responses whose status was not the expected one; any is a defect in the run, not a latency. */
  readonly unexpectedResponses: number;
  readonly expectedStatus: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
  readonly p50Ratio: number;
  readonly p95Ratio: number;
}

/** A Zipf-distributed read workload, replayed on a virtual clock through the platform's read-through cache. */
export interface CacheWorkload {
  /** Distinct concepts read. */
  readonly keys: number;
  readonly reads: number;
  /** Zipf's s: rank r is read in proportion to 1 / r^s. */
  readonly zipfExponent: number;
  /** Warm containers, each with its own LRU, sharing one cache; each read goes to one at random. */
  readonly containers: number;
  /** Pace on the virtual clock, so the TTLs count. */
  readonly readsPerSecond: number;
  /** A write (invalidating one Zipf-drawn key) after every this many reads. */
  readonly writeEvery: number;
  readonly seed: number;
}

export interface CacheHitRateResult {
  readonly workload: CacheWorkload;
  /** The platform's defaults: CACHE_LOCAL_ENTRIES, the LRU's TTL, CACHE_TTL_SECONDS. */
  readonly localEntries: number;
  readonly localTtlSeconds: number;
  readonly sharedTtlSeconds: number;
  readonly memoryHits: number;
  readonly sharedHits: number;
  readonly originLoads: number;
  readonly writes: number;
  /** (memory + shared hits) / reads. */
  readonly hitRate: number;
  readonly memoryHitRate: number;
  readonly sharedHitRate: number;
  /** Wall time of the replay. */
  readonly durationMs: number;
}

export type TargetStatus = 'PASS' | 'FAIL' | 'NOT MEASURED';

export interface TargetCheck {
  readonly target: string;
  readonly subject: string;
  readonly limit: string;
  readonly measured: string;
  readonly status: TargetStatus;
}
