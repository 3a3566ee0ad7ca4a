/**
 * `npm run eval`: every evaluation under `bench/eval/evaluations/`, in file-name order, each measured
 * against its stated target. Prints the results and writes them, with the command, to
 * `bench/eval/RESULTS.md`. Exits non-zero when a target is missed, so CI can hold the line.
 * `npm run eval -- retrieval` runs only the evaluations whose file name starts so, and prints them without
 * writing the results file.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeFormatted } from '../write-formatted.ts';
import { meets, type Evaluation, type Measurement } from './evaluation.ts';

const DIRECTORY = path.join(import.meta.dirname, 'evaluations');
const RESULTS = path.join(import.meta.dirname, 'RESULTS.md');

// Quiet: the services under evaluation emit metric lines, which would bury the results.
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';

const only = process.argv[2];
const files = (await readdir(DIRECTORY))
  .filter((file) => file.endsWith('.ts') && (only === undefined || file.startsWith(only)))
  .sort();
const sections: string[] = [];
let missed = 0;
for (const file of files) {
  const module = (await import(pathToFileURL(path.join(DIRECTORY, file)).href)) as { evaluation?: Evaluation };
  const evaluation = module.evaluation;
  if (!evaluation) throw new Error(`${file} exports no evaluation`);
  const started = performance.now();
  process.stderr.write(`[eval] ${evaluation.name}\n`);
  const measurements = await evaluation.run();
  missed += measurements.filter((measurement) => meets(measurement) === false).length;
  sections.push(section(evaluation, measurements, (performance.now() - started) / 1000));
}

const report = [
  '# Quality evaluation',
  '',
  `Command: \`npm run eval\` · ${new Date().toISOString()} · Node ${process.version}`,
  '',
  'Each evaluation names its data; none of it is used by the unit tests that tune the processor or search.',
  '',
  ...sections,
].join('\n');
process.stdout.write(only === undefined ? await writeFormatted(RESULTS, `${report}\n`) : `${report}\n`);
if (missed > 0) {
  process.stderr.write(`[eval] ${missed} target(s) missed\n`);
  process.exitCode = 1;
}

function section(evaluation: Evaluation, measurements: readonly Measurement[], seconds: number): string {
  const rows = measurements.map((measurement) => {
    const met = meets(measurement);
    const verdict = met === undefined ? '—' : met ? 'met' : '**missed**';
    return `| ${measurement.metric} | ${format(measurement.value, measurement.unit)} | ${target(measurement)} | ${verdict} |`;
  });
  return [
    `## ${evaluation.name}`,
    '',
    `Data: ${evaluation.dataset}. (${seconds.toFixed(1)} s)`,
    '',
    '| Metric | Value | Target | |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}

function format(value: number, unit: Measurement['unit']): string {
  if (unit === 'share') return `${(value * 100).toFixed(1)} %`;
  if (unit === 'count') return String(value);
  return value.toFixed(3);
}

function target(measurement: Measurement): string {
  const { target: bound, unit } = measurement;
  if (!bound) return 'reported';
  const parts = [
    ...(bound.min === undefined ? [] : [`≥ ${format(bound.min, unit)}`]),
    ...(bound.max === undefined ? [] : [`≤ ${format(bound.max, unit)}`]),
  ];
  return parts.join(', ');
}
