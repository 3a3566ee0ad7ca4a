/**
 * `npm run bench:cold`: only the cold starts of `npm run bench`, with its very method (same bundles, child,
 * data and same-run baseline), for a few functions while working on one: BENCH_FUNCTIONS=list-users,get-task
 * (all when unset), BENCH_COLD_RUNS. Prints a table; writes no results file.
 */
import './quiet-metrics.ts';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { bundleFunction } from './bundle.ts';
import { prepareColdStartData } from './cold-start-data.ts';
import { buildColdStartChild, measureColdStarts, withBundlePaths } from './cold-start.ts';
import { markdownTable } from './markdown-table.ts';
import { functionOf } from './results.ts';
import { benchSettings } from './settings.ts';
import { benchSubjects } from './subjects.ts';
import { startBedrockServer } from '../test/support/bedrock-server.ts';

const PROJECT_ROOT = path.resolve(import.meta.dirname, '..');
const WORK_DIR = path.join(PROJECT_ROOT, 'bench', '.work', 'cold-starts');

const wanted = new Set((process.env.BENCH_FUNCTIONS ?? '').split(',').filter((name) => name !== ''));
await rm(WORK_DIR, { recursive: true, force: true });
await mkdir(WORK_DIR, { recursive: true });
const data = await prepareColdStartData(PROJECT_ROOT, WORK_DIR);
const bedrock = await startBedrockServer();
const subjects = benchSubjects(data.authorization, { bedrockUrl: bedrock.url }).filter(
  (subject) => subject.kind === 'baseline' || wanted.size === 0 || wanted.has(functionOf(subject)),
);
const built = await Promise.all(
  subjects
    .filter((subject) => subject.variantOf === undefined)
    .map(async (subject) => ({
      subject,
      bundle: await bundleFunction(subject, PROJECT_ROOT, path.join(WORK_DIR, 'bundles')),
    })),
);
const childScript = await buildColdStartChild(PROJECT_ROOT, WORK_DIR);
const results = await measureColdStarts(withBundlePaths(subjects, built), childScript, {
  runs: benchSettings(process.env).coldRuns,
  workDir: WORK_DIR,
  data,
});
await bedrock.stop();
const bytesOf = (name: string): number => built.find(({ subject }) => subject.name === name)?.bundle.result.bytes ?? 0;
const ms = (value: number): string => value.toFixed(1);
const table = markdownTable(
  ['function', 'KB', 'median ms', 'ratio', 'import ms', 'first event ms', 'peak RSS MB', 'response'].map(
    (header, index) => ({ header, align: index === 0 || index === 7 ? 'left' : 'right' }),
  ),
  results.map((result) => [
    result.name,
    String(Math.round(bytesOf(functionOf(result)) / 1024)),
    ms(result.medianMs),
    `${result.ratioToBaseline.toFixed(2)} ×`,
    ms(result.medianImportMs),
    ms(result.medianFirstEventMs),
    String(Math.round(result.peakRssBytes / 2 ** 20)),
    result.firstResponse,
  ]),
);
process.stdout.write(`${table}\n`);
