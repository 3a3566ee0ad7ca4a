import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { build } from 'esbuild';
import { freshDataDir, type ColdStartData } from './cold-start-data.ts';
import { isExpectedResponse } from './expected-response.ts';
import { REPORT_FD, type ColdStartReport } from './cold-start-protocol.ts';
import { LAMBDA_NODE_FLAGS, LAMBDA_POWERTOOLS_ENV } from './lambda-bundling.ts';
import { functionOf, type ColdStartResult, type SubjectKind } from './results.ts';
import { median, ratio } from './stats.ts';

export interface ColdStartSubject {
  readonly name: string;
  readonly kind: SubjectKind;
  readonly bundlePath: string;
  readonly event: unknown;
  readonly memoryMb: number;
  /** Its event carries credentials, so a 401, 403 or 429 means the run did not measure the route. */
  readonly requiresCredentials: boolean;
  /** Environment beyond the bench's own (`coldStartEnv`): what the deployed function is configured with. */
  readonly env?: Readonly<Record<string, string>>;
  /** A variant of that function that the stack does not deploy: reported, not judged. */
  readonly variantOf?: string;
  /** The network service its first event calls, if any: the first-event target holds only where none is. */
  readonly calls?: string;
}

export interface ColdStartOptions {
  readonly runs: number;
  readonly workDir: string;
  /** The data directory each run starts from a fresh copy of. */
  readonly data: ColdStartData;
  /** Called after each measured process, for a progress line. */
  readonly onSample?: (done: number, total: number) => void;
}

type Sample = Extract<ColdStartReport, { ok: true }> & { readonly spawnToResultMs: number };

/**
 * The subjects with the bundle each starts from: a variant (`variantOf`) starts from its function's bundle,
 * built once.
 */
export function withBundlePaths<Subject extends Omit<ColdStartSubject, 'bundlePath'>>(
  subjects: readonly Subject[],
  built: readonly { readonly subject: { readonly name: string }; readonly bundle: { readonly bundlePath: string } }[],
): (Subject & { readonly bundlePath: string })[] {
  return subjects.map((subject) => {
    const from = functionOf(subject);
    const bundle = built.find((candidate) => candidate.subject.name === from)?.bundle;
    if (!bundle) throw new Error(`no bundle was built for ${from}`);
    return { ...subject, bundlePath: bundle.bundlePath };
  });
}

/** The child that is timed, as plain JS: a TypeScript loader in it would be timed too. */
export async function buildColdStartChild(projectRoot: string, workDir: string): Promise<string> {
  const outfile = path.join(workDir, 'cold-start-child.mjs');
  await build({
    absWorkingDir: projectRoot,
    entryPoints: ['bench/cold-start-child.ts'],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'esm',
    logLevel: 'warning',
  });
  return outfile;
}

/**
 * Starts each subject `runs` times in a fresh process and serves it its event. Runs go round-robin over the
 * subjects after one unrecorded round, so machine noise and a cold disk cache fall on all of them alike.
 * Ratios are against the subject of kind `baseline`.
 */
export async function measureColdStarts(
  subjects: readonly ColdStartSubject[],
  childScript: string,
  options: ColdStartOptions,
): Promise<ColdStartResult[]> {
  const eventPaths = await writeEvents(subjects, path.join(options.workDir, 'events'));
  const dataDir = path.join(options.workDir, 'cold-start-run-data');
  const samples = new Map<string, Sample[]>();
  const total = options.runs * subjects.length * NODE_FLAG_VARIANTS.length;
  let done = 0;
  for (let round = -1; round < options.runs; round += 1) {
    // Alternating which variant goes first keeps either from always following the other's warm caches.
    const variants = round % 2 === 0 ? NODE_FLAG_VARIANTS : [...NODE_FLAG_VARIANTS].reverse();
    for (const subject of subjects) {
      for (const variant of variants) {
        await freshDataDir(options.data, dataDir);
        const sample = await coldStartOnce(subject, variant, childScript, eventPaths.get(subject.name) ?? '', {
          cwd: options.workDir,
          dataDir,
          modelDir: options.data.modelDir,
        });
        if (round < 0) continue;
        const key = sampleKey(subject, variant);
        samples.set(key, [...(samples.get(key) ?? []), sample]);
        done += 1;
        options.onSample?.(done, total);
      }
    }
  }
  const baseline = subjects.find((subject) => subject.kind === 'baseline');
  if (!baseline) throw new Error('cold starts need a baseline subject');
  const baselineMedian = median((samples.get(sampleKey(baseline, 'lambda')) ?? []).map((sample) => sample.totalMs));
  return subjects.map((subject) =>
    summarise(
      subject,
      samples.get(sampleKey(subject, 'lambda')) ?? [],
      samples.get(sampleKey(subject, 'source-maps')) ?? [],
      baselineMedian,
    ),
  );
}

/**
 * `lambda` runs with the flags the deployed functions get; `source-maps` adds `--enable-source-maps`,
 * to show what parsing the source map at import costs.
 */
const NODE_FLAG_VARIANTS = ['lambda', 'source-maps'] as const;
type NodeFlagVariant = (typeof NODE_FLAG_VARIANTS)[number];

function nodeFlags(variant: NodeFlagVariant): string[] {
  const flags =
    variant === 'lambda' ? [...LAMBDA_NODE_FLAGS] : [...new Set([...LAMBDA_NODE_FLAGS, '--enable-source-maps'])];
  return ['--disable-warning=ExperimentalWarning', ...flags];
}

function sampleKey(subject: ColdStartSubject, variant: NodeFlagVariant): string {
  return `${subject.name}\u0000${variant}`;
}

async function writeEvents(subjects: readonly ColdStartSubject[], dir: string): Promise<Map<string, string>> {
  await mkdir(dir, { recursive: true });
  const paths = new Map<string, string>();
  for (const subject of subjects) {
    const file = path.join(dir, `${subject.name}.json`);
    await writeFile(file, JSON.stringify(subject.event));
    paths.set(subject.name, file);
  }
  return paths;
}

/**
 * Embedded adapters on a data directory and nothing that points at a network service, plus what Lambda itself
 * sets: nothing in the init path or the first event waits on a network, except where the subject's own `env`
 * points at one (Bedrock, for the functions that embed text as deployed).
 */
function coldStartEnv(subject: ColdStartSubject, where: ColdStartPlace): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    TZ: ':UTC',
    AWS_REGION: 'us-east-1',
    AWS_LAMBDA_FUNCTION_NAME: functionOf(subject),
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(subject.memoryMb),
    ...LAMBDA_POWERTOOLS_ENV,
    POWERTOOLS_METRICS_DISABLED: 'true',
    YGG_DATA_DIR: where.dataDir,
    // Where a subject embeds in process (ONNX, the local default), its model is read from here.
    EMBEDDING_MODEL_DIR: where.modelDir,
    ...subject.env,
  };
}

interface ColdStartPlace {
  readonly cwd: string;
  readonly dataDir: string;
  readonly modelDir: string;
}

function coldStartOnce(
  subject: ColdStartSubject,
  variant: NodeFlagVariant,
  childScript: string,
  eventPath: string,
  where: ColdStartPlace,
): Promise<Sample> {
  const args = [...nodeFlags(variant), childScript, subject.bundlePath, eventPath, functionOf(subject)];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, {
      cwd: where.cwd,
      env: coldStartEnv(subject, where),
      stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
    });
    let reportLine = '';
    let receivedAt = Number.NaN;
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
    (child.stdio[REPORT_FD] as Readable).on('data', (chunk: Buffer) => {
      reportLine += chunk.toString();
      if (reportLine.endsWith('\n')) receivedAt = performance.now();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const report = parseReport(reportLine);
      if (!report?.ok) {
        const why = report?.error ?? `exited with ${String(code)} and no report`;
        reject(new Error(`cold start of ${subject.name} failed: ${why}\n${stderr}`));
        return;
      }
      resolve({ ...report, spawnToResultMs: receivedAt - started });
    });
  });
}

function parseReport(line: string): ColdStartReport | undefined {
  try {
    return JSON.parse(line) as ColdStartReport;
  } catch {
    return undefined;
  }
}

function summarise(
  subject: ColdStartSubject,
  samples: readonly Sample[],
  withSourceMaps: readonly Sample[],
  baselineMedian: number,
): ColdStartResult {
  const first = samples[0];
  const of = (pick: (sample: Sample) => number): number => median(samples.map(pick));
  const medianMs = of((sample) => sample.totalMs);
  return {
    name: subject.name,
    kind: subject.kind,
    ...(subject.variantOf !== undefined && { variantOf: subject.variantOf }),
    ...(subject.calls !== undefined && { calls: subject.calls }),
    firstResponse: first ? describeResponse(first) : 'none',
    responseOk: samples.every((sample) => isExpectedResponse(subject, sample)),
    runs: samples.length,
    medianMs,
    ratioToBaseline: ratio(medianMs, baselineMedian),
    medianBootMs: of((sample) => sample.bootMs),
    medianImportMs: of((sample) => sample.importMs),
    medianFirstEventMs: of((sample) => sample.firstEventMs),
    medianSpawnToResultMs: of((sample) => sample.spawnToResultMs),
    medianWithSourceMapsMs: median(withSourceMaps.map((sample) => sample.totalMs)),
    peakRssBytes: Math.max(...samples.map((sample) => sample.peakRssBytes)),
    samplesMs: samples.map((sample) => round(sample.totalMs)),
  };
}

function describeResponse(sample: Sample): string {
  if (sample.statusCode !== undefined) return `HTTP ${sample.statusCode}`;
  if (sample.failedRecords !== undefined)
    return sample.failedRecords === 0 ? 'no failed records' : `${sample.failedRecords} failed records`;
  return 'no status';
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
