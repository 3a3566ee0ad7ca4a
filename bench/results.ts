import type { BundleShare } from './bundle-composition.ts';
import type { TextProcessorSection } from './text-processor.ts';

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
  readonly middleware: MiddlewareSection;
  readonly conceptReads: ConceptReadsSection;
  readonly cache: CacheHitRateResult;
  /** Absent in results written before the text processor existed. */
  readonly textProcessor?: TextProcessorSection;
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
  /** Measured invocations per variant of the middleware overhead. */
  readonly middlewareInvocations: number;
  /** Measured GET /concepts/{id} per kind (uncached, cached) against Neo4j; also the direct graph queries. */
  readonly conceptReads: number;
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
  /** What ships beside the bundle: packages installed there and data files copied there (bytes on disk). */
  readonly besideBytes: number;
  readonly largestSources: readonly BundleShare[];
  /** Packages imported at run time from outside the bundle (the Lambda runtime's AWS SDK). */
  readonly externals: readonly string[];
}

/** The manifest function a cold-start subject or result runs: a variant runs the function it is a variant of. */
export function functionOf(subject: { readonly name: string; readonly variantOf?: string }): string {
  return subject.variantOf ?? subject.name;
}

export interface ColdStartResult {
  readonly name: string;
  readonly kind: SubjectKind;
  /** The function this is a non-deployed variant of (the local default embedder): reported, not judged. */
  readonly variantOf?: string;
  /** The network service its first event calls (Bedrock), if any: its first-event time includes that call. */
  readonly calls?: string;
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
  /** The same with `--enable-source-maps`: the difference is what reading the source map would cost. */
  readonly medianWithSourceMapsMs: number;
  /** Peak resident set size after the first event, the highest of the runs: what the memory size must hold. */
  readonly peakRssBytes: number;
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
  /** `local-runtime-neo4j`: the local runtime with its graph on a real Neo4j, everything else embedded. */
  readonly server: 'local-runtime' | 'local-runtime-neo4j' | 'baseline';
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

/** Whether the trivial handler ran bare, or inside `httpFunction` for a public or an authenticated route. */
export type MiddlewareStack = 'bare' | 'public' | 'authenticated';

export type MiddlewareCredential = 'none' | 'bearer token' | 'API key';

/** One way of invoking the trivial handler, measured in process: handler call to settled result. */
export interface MiddlewareMeasurement {
  readonly name: string;
  readonly stack: MiddlewareStack;
  /** The manifest entry the stack was built for, e.g. `GET /health`. */
  readonly route: string;
  readonly credential: MiddlewareCredential;
  readonly invocations: number;
  /** Results other than 200; any is a defect in the run. */
  readonly unexpectedResponses: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
}

export interface MiddlewareRow extends MiddlewareMeasurement {
  /** This row's percentile minus the bare handler's at the same percentile: what the stack adds. */
  readonly addedP50Ms: number;
  readonly addedP95Ms: number;
  readonly addedP99Ms: number;
}

export interface MiddlewareSection {
  /** Set when the measurement could not run; its rows are then missing. */
  readonly unavailable?: string;
  /** Unrecorded invocations per variant before the measured ones. */
  readonly warmupInvocations: number;
  readonly rows: readonly MiddlewareRow[];
}

/** Direct reads through the Neo4j adapter in the bench process: the graph query without HTTP or cache. */
export interface GraphQueryResult {
  /** `Neo4jKnowledgeStore.getConcept`. */
  readonly operation: string;
  readonly queries: number;
  /** Reads that did not return the concept; any is a defect in the run. */
  readonly failures: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
}

/**
 * `GET /concepts/{id}` on the local runtime with its graph on a real Neo4j, uncached and cached, and the
 * adapter's query on its own. `ran: false` when Neo4j could not be started (e.g. no Java or Maven): then there
 * are no numbers, and the report says NOT RUN.
 */
export type ConceptReadsSection =
  | { readonly ran: false; readonly reason: string }
  | {
      readonly ran: true;
      /** Concepts created through `POST /concepts` before the reads. */
      readonly concepts: number;
      /** Unrecorded reads per kind before the measured ones (the uncached ones on concepts of their own). */
      readonly warmupReads: number;
      /** The runtime's cache settings (its defaults): CACHE_TTL_SECONDS, CACHE_LOCAL_ENTRIES, the LRU's TTL. */
      readonly cache: { readonly ttlSeconds: number; readonly localEntries: number; readonly localTtlSeconds: number };
      /** Until Neo4j answered on Bolt, as `startNeo4j()` waited for it. */
      readonly neo4jStartSeconds: number;
      /** The bare node:http server, measured in the same rounds. */
      readonly baseline: WarmResult;
      /** Each request reads a concept no request has read before: neither cache has it. */
      readonly uncached: WarmResult;
      /** Every request reads the same concept: the container's LRU answers (the shared cache after its 5 s). */
      readonly cached: WarmResult;
      readonly graphQuery: GraphQueryResult;
    };

/** `NOT RUN`: a section the bench skipped and says why (e.g. Neo4j needs Java and Maven). */
export type TargetStatus = 'PASS' | 'FAIL' | 'NOT MEASURED' | 'NOT RUN';

export interface TargetCheck {
  readonly target: string;
  readonly subject: string;
  readonly limit: string;
  readonly measured: string;
  readonly status: TargetStatus;
}
