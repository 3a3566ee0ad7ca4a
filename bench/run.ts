/**
 * `npm run bench`: bundle size and cold start of every function in the manifest, warm latency of the local
 * runtime, each against a baseline measured in the same run, and the cache's hit rate on a replayed Zipf
 * workload. Prints the results and writes bench/RESULTS.md and bench/results.json. Run sizes:
 * BENCH_COLD_RUNS, BENCH_WARM_REQUESTS, BENCH_WARMUP_REQUESTS.
 */
import './quiet-metrics.ts';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { bundleFunction, type BuiltBundle } from './bundle.ts';
import { measureCacheHitRate } from './cache-hit-rate.ts';
import { buildColdStartChild, measureColdStarts } from './cold-start.ts';
import { describeMachine } from './machine.ts';
import { renderResultsMarkdown } from './report.ts';
import type { BenchResults } from './results.ts';
import { benchSettings } from './settings.ts';
import { sourceRevision } from './source-revision.ts';
import { benchSubjects } from './subjects.ts';
import { checkCacheTarget, checkTargets } from './targets.ts';
import { measureWarmServers } from './warm-servers.ts';
import { writeFormatted } from './write-formatted.ts';

const PROJECT_ROOT = path.resolve(import.meta.dirname, '..');
const WORK_DIR = path.join(PROJECT_ROOT, 'bench', '.work');
const WARM_ROUNDS = 4;

const progress = (line: string): void => void process.stderr.write(`${line}\n`);

const startedAt = new Date();
const started = performance.now();
const settings = benchSettings(process.env);
const machine = describeMachine();
const revision = sourceRevision(PROJECT_ROOT);
await rm(WORK_DIR, { recursive: true, force: true });
await mkdir(WORK_DIR, { recursive: true });

const subjects = benchSubjects();
const built: { subject: (typeof subjects)[number]; bundle: BuiltBundle }[] = [];
for (const subject of subjects) {
  progress(`bundling ${subject.name}`);
  built.push({ subject, bundle: await bundleFunction(subject, PROJECT_ROOT, path.join(WORK_DIR, 'bundles')) });
}
const bundles = built.map(({ bundle }) => bundle.result);

const childScript = await buildColdStartChild(PROJECT_ROOT, WORK_DIR);
const coldStarts = await measureColdStarts(
  built.map(({ subject, bundle }) => ({ ...subject, bundlePath: bundle.bundlePath })),
  childScript,
  {
    runs: settings.coldRuns,
    workDir: WORK_DIR,
    onSample: (done, total) => {
      if (done % 10 === 0 || done === total) progress(`cold starts ${done}/${total}`);
    },
  },
);

progress('warm latency');
const warm = await measureWarmServers(PROJECT_ROOT, {
  warmupRequests: settings.warmupRequests,
  requests: settings.warmRequests,
  rounds: WARM_ROUNDS,
});

progress('cache hit rate');
const cache = await measureCacheHitRate();

const results: BenchResults = {
  date: startedAt.toISOString(),
  command: 'npm run bench',
  revision,
  node: process.version,
  machine,
  settings,
  bundles,
  coldStarts,
  warm,
  cache,
  targets: [...checkTargets(bundles, coldStarts, warm), checkCacheTarget(cache)],
  durationSeconds: (performance.now() - started) / 1000,
};

const markdown = await writeFormatted(path.join(PROJECT_ROOT, 'bench', 'RESULTS.md'), renderResultsMarkdown(results));
await writeFormatted(path.join(PROJECT_ROOT, 'bench', 'results.json'), JSON.stringify(results));
process.stdout.write(`\n${markdown}`);
for (const cold of coldStarts.filter((result) => !result.responseOk)) {
  progress(`warning: ${cold.name} answered its first event with ${cold.firstResponse}`);
}
for (const row of warm.results.filter((result) => result.unexpectedResponses > 0)) {
  progress(`warning: ${row.name} got ${row.unexpectedResponses} responses other than ${row.expectedStatus}`);
}
const met = results.targets.filter((check) => check.status === 'PASS').length;
progress(`\n${met} of ${results.targets.length} targets met; written to bench/RESULTS.md and bench/results.json`);
