/**
 * `npm run bench`: bundle size and cold start of every function in the manifest, warm latency of the local
 * runtime, each against a baseline measured in the same run; the middleware stack's own cost; cached and
 * uncached concept reads against a real Neo4j; and the cache's hit rate on a replayed Zipf workload. Prints the
 * results and writes bench/RESULTS.md and bench/results.json. Run sizes: BENCH_COLD_RUNS, BENCH_WARM_REQUESTS,
 * BENCH_WARMUP_REQUESTS, BENCH_MIDDLEWARE_INVOCATIONS, BENCH_CONCEPT_READS.
 */
import './quiet-metrics.ts';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { bundleFunction, type BuiltBundle } from './bundle.ts';
import { measureCacheHitRate } from './cache-hit-rate.ts';
import { prepareColdStartData } from './cold-start-data.ts';
import { buildColdStartChild, measureColdStarts, withBundlePaths } from './cold-start.ts';
import { measureConceptReads } from './concept-reads.ts';
import { describeMachine } from './machine.ts';
import { measureMiddlewareOverhead } from './middleware-overhead.ts';
import { renderResultsMarkdown } from './report.ts';
import type { BenchResults } from './results.ts';
import { benchSettings } from './settings.ts';
import { sourceRevision } from './source-revision.ts';
import { benchSubjects } from './subjects.ts';
import { measureTextProcessor } from './text-processor.ts';
import { checkCacheTarget, checkConceptReadTargets, checkMiddlewareTarget, checkTargets } from './targets.ts';
import { measureTaskLoad } from './task-load.ts';
import { measureIngestWorker, renderIngestWorker } from './ingest-worker.ts';
import { measureWarmServers } from './warm-servers.ts';
import { writeFormatted } from './write-formatted.ts';
import { startBedrockServer } from '../test/support/bedrock-server.ts';

const PROJECT_ROOT = path.resolve(import.meta.dirname, '..');
const WORK_DIR = path.join(PROJECT_ROOT, 'bench', '.work');
const WARM_ROUNDS = 4;
const CONCEPT_WARMUP_READS = 50;
const TEXT_PROCESSOR_DOCUMENTS = 50;

const startedAt = new Date();
const started = performance.now();
const progress = (line: string): void =>
  void process.stderr.write(`[${((performance.now() - started) / 1000).toFixed(0).padStart(3)} s] ${line}\n`);

const settings = benchSettings(process.env);
const machine = describeMachine();
const revision = sourceRevision(PROJECT_ROOT);
await rm(WORK_DIR, { recursive: true, force: true });
await mkdir(WORK_DIR, { recursive: true });

progress('preparing the cold starts’ data directory and credentials');
const coldStartData = await prepareColdStartData(PROJECT_ROOT, WORK_DIR);
const bedrock = await startBedrockServer();
const subjects = benchSubjects(coldStartData.authorization, { bedrockUrl: bedrock.url });
const built: { subject: (typeof subjects)[number]; bundle: BuiltBundle }[] = [];
for (const subject of subjects.filter((candidate) => candidate.variantOf === undefined)) {
  progress(`bundling ${subject.name}`);
  built.push({ subject, bundle: await bundleFunction(subject, PROJECT_ROOT, path.join(WORK_DIR, 'bundles')) });
}
const bundles = built.map(({ bundle }) => bundle.result);

const childScript = await buildColdStartChild(PROJECT_ROOT, WORK_DIR);
const coldStarts = await measureColdStarts(withBundlePaths(subjects, built), childScript, {
  runs: settings.coldRuns,
  workDir: WORK_DIR,
  data: coldStartData,
  onSample: (done, total) => {
    if (done % 20 === 0 || done === total) progress(`cold starts ${done}/${total}`);
  },
});
await bedrock.stop();

progress('warm latency');
const warm = await measureWarmServers(PROJECT_ROOT, {
  warmupRequests: settings.warmupRequests,
  requests: settings.warmRequests,
  rounds: WARM_ROUNDS,
});

progress('middleware overhead');
const middleware = await measureMiddlewareOverhead(PROJECT_ROOT, settings.middlewareInvocations);

progress('concept reads against Neo4j');
const conceptReads = await measureConceptReads(
  PROJECT_ROOT,
  { reads: settings.conceptReads, warmupReads: CONCEPT_WARMUP_READS, rounds: WARM_ROUNDS },
  progress,
);

progress('cache hit rate');
const cache = await measureCacheHitRate();

progress('text processor throughput');
const textProcessor = await measureTextProcessor(TEXT_PROCESSOR_DOCUMENTS);

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
  middleware,
  conceptReads,
  cache,
  textProcessor,
  targets: [
    ...checkTargets(bundles, coldStarts, warm),
    checkMiddlewareTarget(middleware),
    ...checkConceptReadTargets(conceptReads),
    checkCacheTarget(cache),
  ],
  durationSeconds: (performance.now() - started) / 1000,
};

const markdown = await writeFormatted(path.join(PROJECT_ROOT, 'bench', 'RESULTS.md'), renderResultsMarkdown(results));
await writeFormatted(path.join(PROJECT_ROOT, 'bench', 'results.json'), JSON.stringify(results));
process.stdout.write(`\n${markdown}`);
for (const cold of coldStarts.filter((result) => !result.responseOk)) {
  progress(`warning: ${cold.name} answered its first event with ${cold.firstResponse}`);
}
const warmRows = [...warm.results, ...(conceptReads.ran ? [conceptReads.uncached, conceptReads.cached] : [])];
for (const row of warmRows.filter((result) => result.unexpectedResponses > 0)) {
  progress(`warning: ${row.name} got ${row.unexpectedResponses} responses other than ${row.expectedStatus}`);
}
for (const row of middleware.rows.filter((result) => result.unexpectedResponses > 0)) {
  progress(`warning: ${row.name} got ${row.unexpectedResponses} results other than 200`);
}
for (const section of [warm, middleware].filter((measured) => measured.unavailable !== undefined)) {
  progress(`warning: not measured: ${section.unavailable ?? ''}`);
}
if (!conceptReads.ran) progress(`warning: concept reads NOT RUN: ${conceptReads.reason}`);

progress('task load: 1,000 documents from 10 clients (also runnable alone: npm run bench:tasks)');
const taskLoad = await measureTaskLoad();
process.stdout.write(`\nTask load:\n${JSON.stringify(taskLoad, null, 2)}\n`);
progress('one process-documents worker, ONNX and Bedrock (also runnable alone: npm run bench:worker)');
const worker = await measureIngestWorker(progress);
process.stdout.write(`\n${renderIngestWorker(worker)}\n\nWorker runs:\n${JSON.stringify(worker, null, 2)}\n`);
const met = results.targets.filter((check) => check.status === 'PASS').length;
progress(`${met} of ${results.targets.length} targets met; written to bench/RESULTS.md and bench/results.json`);
