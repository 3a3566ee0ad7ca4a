import { howToRead } from './how-to-read.ts';
import { markdownTable } from './markdown-table.ts';
import {
  functionOf,
  type BenchResults,
  type BundleResult,
  type CacheHitRateResult,
  type ColdStartResult,
  type ConceptReadsSection,
  type MiddlewareSection,
  type WarmResult,
} from './results.ts';
import { bundleLimit, kb, mb, percent } from './targets.ts';
import { textProcessorTable } from './text-processor.ts';

/** bench/RESULTS.md, and what the bench prints: one run's numbers, its targets, and how to read them. */
export function renderResultsMarkdown(results: BenchResults): string {
  return (
    [
      '# Benchmark results',
      `Written by \`${results.command}\`; numbers from one run, measured against baselines from the same run.`,
      runTable(results),
      '## Targets',
      targetsTable(results),
      '## Bundle size and cold start',
      coldStartTable(results.bundles, results.coldStarts),
      '## What the bundles hold',
      compositionTable(results.bundles),
      '## Warm latency (local runtime, embedded defaults)',
      ...warmSection(results),
      '## Middleware overhead (one process, trivial handler, no network)',
      ...middlewareSection(results.middleware),
      '## Concept reads against a real Neo4j (local runtime)',
      ...conceptReadsSection(results.conceptReads),
      '## Cache hit rate (Zipf read replay, embedded adapters)',
      cacheWorkload(results.cache),
      cacheTable(results.cache),
      '## Text processor throughput (one process, one document at a time)',
      textProcessorTable(results.textProcessor),
      '## How to read this',
      howToRead(results),
    ].join('\n\n') + '\n'
  );
}

function runTable(results: BenchResults): string {
  const { machine, settings } = results;
  return markdownTable(
    [{ header: 'Run' }, { header: '' }],
    [
      ['Date', results.date],
      ['Command', `\`${results.command}\``],
      ['Code', results.revision],
      ['Node', results.node],
      ['Machine', `${machine.cpus} × ${machine.model}, ${machine.platform}, ${machine.memoryGiB} GiB`],
      [
        'Load at start',
        `${machine.loadAverage} (1-minute load average; above ${machine.cpus}, other work shared the cores)`,
      ],
      ['Cold starts', `${settings.coldRuns} per function and variant (BENCH_COLD_RUNS)`],
      [
        'Warm requests',
        `${settings.warmupRequests} warm-up + ${settings.warmRequests} measured per request type (BENCH_WARM_REQUESTS)`,
      ],
      [
        'Middleware',
        `${results.middleware.warmupInvocations} warm-up + ${settings.middlewareInvocations} measured invocations per variant (BENCH_MIDDLEWARE_INVOCATIONS)`,
      ],
      ['Concept reads', `${settings.conceptReads} measured per kind against Neo4j (BENCH_CONCEPT_READS)`],
      ['Run took', `${Math.round(results.durationSeconds)} s`],
    ],
  );
}

function targetsTable(results: BenchResults): string {
  return markdownTable(
    [{ header: 'Target' }, { header: 'Subject' }, { header: 'Limit' }, { header: 'Measured' }, { header: 'Result' }],
    results.targets.map((check) => [check.target, check.subject, check.limit, check.measured, `**${check.status}**`]),
  );
}

function coldStartTable(bundles: readonly BundleResult[], coldStarts: readonly ColdStartResult[]): string {
  const right = 'right' as const;
  return markdownTable(
    [
      { header: 'Function' },
      { header: 'Kind' },
      { header: 'Bundle', align: right },
      { header: 'Beside the bundle', align: right },
      { header: 'Cold start', align: right },
      { header: '× baseline', align: right },
      { header: 'Boot', align: right },
      { header: 'Import', align: right },
      { header: 'First event', align: right },
      { header: 'With source maps', align: right },
      { header: 'Peak RSS', align: right },
      { header: 'First response' },
    ],
    bundles.flatMap((bundle) => {
      const oversize = bundle.bytes > bundleLimit() ? ' ⚠' : '';
      // A function's variants (the local default embedder) start from its bundle: a row each beneath it.
      const rows = coldStarts.filter((result) => functionOf(result) === bundle.name);
      const cells = (cold: ColdStartResult | undefined): string[] => [
        cold?.name ?? bundle.name,
        bundle.kind,
        `${kb(bundle.bytes)}${oversize}`,
        bundle.besideBytes > 0 ? kb(bundle.besideBytes) : '–',
        cold ? ms(cold.medianMs, 1) : '–',
        cold ? `${cold.ratioToBaseline.toFixed(2)}×` : '–',
        cold ? ms(cold.medianBootMs, 1) : '–',
        cold ? ms(cold.medianImportMs, 1) : '–',
        cold ? ms(cold.medianFirstEventMs, 1) : '–',
        cold ? ms(cold.medianWithSourceMapsMs, 1) : '–',
        cold ? mb(cold.peakRssBytes) : '–',
        cold ? `${cold.firstResponse}${cold.responseOk ? '' : ' (unexpected)'}` : '–',
      ];
      return rows.length === 0 ? [cells(undefined)] : rows.map(cells);
    }),
  );
}

function compositionTable(bundles: readonly BundleResult[]): string {
  return markdownTable(
    [
      { header: 'Function' },
      { header: 'Largest sources in the bundle' },
      { header: 'Imported from outside the bundle' },
    ],
    bundles.map((bundle) => [
      bundle.name,
      bundle.largestSources.map((share) => `${share.source} ${kb(share.bytes)}`).join(', '),
      bundle.externals.length > 0 ? bundle.externals.join(', ') : '–',
    ]),
  );
}

function warmSection(results: BenchResults): string[] {
  const note = results.warm.unavailable ? [`Not measured: ${results.warm.unavailable}`] : [];
  if (results.warm.results.length === 0) return note;
  return [...note, warmTable(results.warm.results)];
}

function warmTable(rows: readonly WarmResult[]): string {
  const right = 'right' as const;
  return markdownTable(
    [
      { header: 'Request' },
      { header: 'Server' },
      { header: 'Requests', align: right },
      { header: 'p50', align: right },
      { header: 'p95', align: right },
      { header: 'p99', align: right },
      { header: 'p50 × baseline', align: right },
      { header: 'p95 × baseline', align: right },
      { header: 'Unexpected status', align: right },
    ],
    rows.map((row) => [
      row.name,
      SERVER_LABELS[row.server],
      String(row.requests),
      ms(row.p50Ms, 2),
      ms(row.p95Ms, 2),
      ms(row.p99Ms, 2),
      `${row.p50Ratio.toFixed(2)}×`,
      `${row.p95Ratio.toFixed(2)}×`,
      row.unexpectedResponses === 0 ? '0' : `${row.unexpectedResponses} (expected ${row.expectedStatus})`,
    ]),
  );
}

const SERVER_LABELS: Readonly<Record<WarmResult['server'], string>> = {
  baseline: 'bare node:http',
  'local-runtime': 'local runtime',
  'local-runtime-neo4j': 'local runtime + Neo4j',
};

function middlewareSection(middleware: MiddlewareSection): string[] {
  const note = middleware.unavailable ? [`Not measured: ${middleware.unavailable}`] : [];
  if (middleware.rows.length === 0) return note;
  const right = 'right' as const;
  const table = markdownTable(
    [
      { header: 'Handler' },
      { header: 'Stack built for' },
      { header: 'Credential' },
      { header: 'Invocations', align: right },
      { header: 'p50', align: right },
      { header: 'p95', align: right },
      { header: 'p99', align: right },
      { header: 'Added p50', align: right },
      { header: 'Added p95', align: right },
      { header: 'Added p99', align: right },
      { header: 'Unexpected status', align: right },
    ],
    middleware.rows.map((row) => {
      const bare = row.stack === 'bare';
      return [
        row.name,
        bare ? '– (called directly)' : row.route,
        row.credential,
        String(row.invocations),
        us(row.p50Ms),
        us(row.p95Ms),
        us(row.p99Ms),
        bare ? '–' : us(row.addedP50Ms),
        bare ? '–' : us(row.addedP95Ms),
        bare ? '–' : us(row.addedP99Ms),
        row.unexpectedResponses === 0 ? '0' : `${row.unexpectedResponses} (expected 200)`,
      ];
    }),
  );
  return [...note, table];
}

function conceptReadsSection(reads: ConceptReadsSection): string[] {
  if (!reads.ran) {
    return [`**NOT RUN**: ${reads.reason.replace(/\.$/, '')}. This section has no numbers; its targets say NOT RUN.`];
  }
  const right = 'right' as const;
  const { graphQuery } = reads;
  const setup =
    `Neo4j 5.26 Community from Maven Central (\`startNeo4j()\`, ready in ${reads.neo4jStartSeconds.toFixed(1)} s), ` +
    `the local runtime on it with every other port embedded and its default cache settings (shared cache ` +
    `${reads.cache.ttlSeconds} s, ${reads.cache.localEntries} entries for ${reads.cache.localTtlSeconds} s in a ` +
    `container’s memory), ${reads.concepts} concepts ` +
    `created through \`POST /concepts\`, ${reads.warmupReads} warm-up reads per kind, every request with a bearer token.`;
  const graphTable = markdownTable(
    [
      { header: 'Graph query (in the bench process)' },
      { header: 'Queries', align: right },
      { header: 'p50', align: right },
      { header: 'p95', align: right },
      { header: 'p99', align: right },
      { header: 'Failures', align: right },
    ],
    [
      [
        `\`${graphQuery.operation}\``,
        String(graphQuery.queries),
        ms(graphQuery.p50Ms, 2),
        ms(graphQuery.p95Ms, 2),
        ms(graphQuery.p99Ms, 2),
        String(graphQuery.failures),
      ],
    ],
  );
  return [setup, warmTable([reads.baseline, reads.uncached, reads.cached]), graphTable];
}

function cacheWorkload(cache: CacheHitRateResult): string {
  const { workload } = cache;
  return (
    `${workload.reads} reads of ${workload.keys} concepts drawn by Zipf's law (s = ${workload.zipfExponent}, ` +
    `seed ${workload.seed}), spread at random over ${workload.containers} containers at ${workload.readsPerSecond} ` +
    `reads per virtual second, with a write invalidating a Zipf-drawn concept after every ${workload.writeEvery} ` +
    `reads (${cache.writes} writes). Each container keeps up to ${cache.localEntries} entries for ` +
    `${cache.localTtlSeconds} s; the shared cache keeps them for ${cache.sharedTtlSeconds} s. The replay took ` +
    `${Math.round(cache.durationMs)} ms.`
  );
}

function cacheTable(cache: CacheHitRateResult): string {
  const right = 'right' as const;
  const reads = cache.workload.reads;
  const row = (source: string, count: number): string[] => [source, String(count), percent(count / reads)];
  return markdownTable(
    [{ header: 'Answered from' }, { header: 'Reads', align: right }, { header: 'Share', align: right }],
    [
      row('memory (the container’s LRU)', cache.memoryHits),
      row('shared cache', cache.sharedHits),
      row('origin (a miss)', cache.originLoads),
      row('**hits (memory + shared)**', cache.memoryHits + cache.sharedHits),
    ],
  );
}

function ms(value: number, digits: number): string {
  return `${value.toFixed(digits)} ms`;
}

/** Microseconds, for what takes well under a millisecond: `0.0241` ms → `24.1 µs`. */
function us(valueMs: number): string {
  return `${(valueMs * 1000).toFixed(1)} µs`;
}
