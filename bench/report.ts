import { markdownTable } from './markdown-table.ts';
import type { BenchResults, BundleResult, CacheHitRateResult, ColdStartResult, WarmResult } from './results.ts';
import { kb, percent, TARGETS } from './targets.ts';

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
      '## Cache hit rate (Zipf read replay, embedded adapters)',
      cacheWorkload(results.cache),
      cacheTable(results.cache),
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
      { header: 'Cold start', align: right },
      { header: '× baseline', align: right },
      { header: 'Boot', align: right },
      { header: 'Import', align: right },
      { header: 'First event', align: right },
      { header: 'No source maps', align: right },
      { header: 'First response' },
    ],
    bundles.map((bundle) => {
      const cold = coldStarts.find((result) => result.name === bundle.name);
      const oversize = bundle.kind === 'http' && bundle.bytes > TARGETS.httpBundleBytes ? ' ⚠' : '';
      return [
        bundle.name,
        bundle.kind,
        `${kb(bundle.bytes)}${oversize}`,
        cold ? ms(cold.medianMs, 1) : '–',
        cold ? `${cold.ratioToBaseline.toFixed(2)}×` : '–',
        cold ? ms(cold.medianBootMs, 1) : '–',
        cold ? ms(cold.medianImportMs, 1) : '–',
        cold ? ms(cold.medianFirstEventMs, 1) : '–',
        cold ? ms(cold.medianWithoutSourceMapsMs, 1) : '–',
        cold ? `${cold.firstResponse}${cold.responseOk ? '' : ' (unexpected)'}` : '–',
      ];
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
      row.server === 'baseline' ? 'bare node:http' : 'local runtime',
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

function howToRead(results: BenchResults): string {
  return [
    '- **Bundle** is the minified `index.mjs` without its source map, built with the esbuild options the CDK app ' +
      'uses (bench/lambda-bundling.ts mirrors infra/aws/function.ts). `@aws-sdk/*` and `@smithy/*` stay outside the ' +
      'bundle because the Lambda runtime provides them, so they add nothing to the bytes but still add to the cold ' +
      'start: "What the bundles hold" lists them. ⚠ marks an HTTP bundle over the size target.',
    '- **Cold start** is the time from the start of a fresh Node process (`performance.timeOrigin`, measured inside ' +
      'the process, so the cost of `exec` and of the pipe back to the bench is left out) to the handler’s result for ' +
      'its first event: **Boot** (Node itself, up to the bench’s loader script) + **Import** (evaluating the bundle ' +
      'and everything it imports) + **First event** (lazy adapters, middleware, the handler). It runs with the ' +
      'deployed functions’ `--enable-source-maps`; **No source maps** is the same without it. Each number is the ' +
      `median of ${results.settings.coldRuns} runs; the runs alternate between functions, so noise falls on all ` +
      'alike. **× baseline** divides by the median of a hello-world handler bundled and started the same way.',
    '- **Warm latency** is sequential requests over keep-alive connections to the local runtime on embedded ' +
      'in-memory adapters, timed from sending the request to reading the whole body. The runtime runs in its own ' +
      'process, as a server would, so the client’s work never waits on the server’s event loop. The bare ' +
      '`node:http` server answering `ok` shows what the machine, Node and the client cost on their own; ' +
      '**× baseline** is the runtime’s percentile over the bare server’s.',
    '- **Cache hit rate** replays the workload above through the same `readThrough` the GET handlers use, on the ' +
      'embedded shared cache and one LRU per simulated container, with the platform’s default cache settings, on a ' +
      'virtual clock so that both TTLs expire as they would in a day’s traffic without the bench waiting. A miss ' +
      'is a first read, a read after a write’s invalidation, or a read after the shared TTL. The hit rate depends ' +
      'on the workload, not on the machine: the same seed gives the same numbers everywhere. In the cloud, memory ' +
      'hits depend on how many containers share the traffic; the shared cache hits do not.',
    '- The machine is small and shared: ms move by 10–20 % between runs, so compare ratios, and compare runs ' +
      'with each other only on the same machine. Lambda gives a function CPU in proportion to its memory (a full ' +
      'vCPU at 1,769 MB), so its cold starts take longer in ms than here; the ratios carry over better than the ms.',
  ].join('\n');
}
