/**
 * `npm run bench:worker` (and the end of `npm run bench`): what ONE process-documents worker does. A worker
 * in this design is one Lambda container handling one SQS batch at a time (`batchSize` messages of up to 10
 * documents, its records processed concurrently) on its own CPU, with Neo4j, DynamoDB, SQS, the vector store
 * and, in the cloud, Bedrock as network services elsewhere. Each run forks a fresh process
 * (bench/children/ingest-worker.ts) that submits 1 KB documents through the submit service and feeds the
 * deployed handler the SQS batches the queue delivers, against the real test servers (`npm run services`,
 * exported). Two embedders: ONNX int8 in process (the local default), and Bedrock Titan v2 (the cloud
 * default) through the real SDK client against a local Bedrock-shaped server, served from this parent
 * process so its CPU is not the worker's, holding each answer `BENCH_BEDROCK_LATENCY_MS` (50) ms. Reports
 * medians of `BENCH_WORKER_RUNS` (3) runs of `BENCH_WORKER_DOCUMENTS` (300) documents: docs/s to SUCCESS over
 * the warm batches' handler time, CPU ms per document, peak RSS, and the target of 50 docs/s per worker judged on
 * the measured rate, every document exact (here the services share the two cores, so that rate is a floor; the
 * CPU per document's ceiling on one vCPU is shown beside it, not judged: it leaves out what the cores share).
 * Vectors go to the Qdrant test server when `QDRANT_TEST_URL` (or `QDRANT_URL`) is set, else the embedded store.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { taskFunctions } from '#functions/manifest';
import { provisionAwsResources } from '#infra/local/provision';
import { startBedrockServer } from '../test/support/bedrock-server.ts';
import type { WorkerRunResult } from './children/ingest-worker.ts';
import { runChildForMessage } from './child-message.ts';
import { markdownTable } from './markdown-table.ts';
import { positiveInt } from './settings.ts';
import { median } from './stats.ts';

/** The target for 1 KB documents. */
export const WORKER_TARGET_DOCS_PER_SECOND = 50;

/** Lambda gives a function one full vCPU at 1,769 MB and a share in proportion below (AWS Lambda docs). */
const LAMBDA_MB_PER_VCPU = 1769;

export interface WorkerConfigurationResult {
  readonly embedder: string;
  readonly runs: readonly WorkerRunResult[];
  readonly docsPerSecond: number;
  readonly cpuMsPerDocument: number;
  /** Documents per second one fully busy vCPU could do at that CPU per document: the CPU's ceiling. */
  readonly cpuCeilingDocsPerSecond: number;
  /** The same at the manifest's memory size, whose share of a vCPU Lambda gives in proportion. */
  readonly lambdaCeilingDocsPerSecond: number;
  readonly peakRssMb: number;
  readonly exact: boolean;
  /**
   * Whether the worker did the target, measured: its median rate, every document exact (the services are
   * elsewhere in the cloud; here they share the machine's two cores, so the measured rate is a lower bound).
   */
  readonly meetsTarget: boolean;
}

export interface IngestWorkerResult {
  readonly ran: boolean;
  readonly reason?: string;
  readonly documentsPerRun?: number;
  readonly bedrockLatencyMs?: number;
  readonly vectorStore?: string;
  readonly configurations?: readonly WorkerConfigurationResult[];
}

const PROJECT_ROOT = path.resolve(import.meta.dirname, '..');
const CHILD = path.join(PROJECT_ROOT, 'bench', 'children', 'ingest-worker.ts');
const CHILD_TIMEOUT_MS = 15 * 60 * 1000;

export async function measureIngestWorker(
  progress: (line: string) => void = () => undefined,
): Promise<IngestWorkerResult> {
  const { NEO4J_URI, AWS_ENDPOINT_URL } = process.env;
  if (!NEO4J_URI || !AWS_ENDPOINT_URL) {
    return {
      ran: false,
      reason: 'NEO4J_URI and AWS_ENDPOINT_URL are not set: start `npm run services` and export its output',
    };
  }
  const runs = positiveInt(process.env, 'BENCH_WORKER_RUNS', 3);
  const documents = positiveInt(process.env, 'BENCH_WORKER_DOCUMENTS', 300);
  const latencyMs = Number(process.env.BENCH_BEDROCK_LATENCY_MS ?? 50);
  const qdrantUrl = process.env.QDRANT_URL ?? process.env.QDRANT_TEST_URL;
  const bedrock = await startBedrockServer({ latencyMs });
  const embedders = [
    { embedder: 'onnx (all-minilm-l6-v2-q, in process)', env: { EMBEDDER: 'onnx' } },
    {
      embedder: `bedrock (titan v2 via the SDK, ${latencyMs} ms per call)`,
      env: { EMBEDDER: 'bedrock', AWS_ENDPOINT_URL_BEDROCK_RUNTIME: bedrock.url },
    },
  ];
  try {
    const configurations: WorkerConfigurationResult[] = [];
    for (const { embedder, env } of embedders) {
      const results: WorkerRunResult[] = [];
      for (let run = 1; run <= runs; run += 1) {
        progress(`worker: ${embedder}, run ${run}/${runs}`);
        const label = `worker-${randomUUID().slice(0, 8)}`;
        const resources = await provisionAwsResources(`bench-${label}`, {
          endpoint: AWS_ENDPOINT_URL,
          region: process.env.AWS_REGION ?? 'us-east-1',
        });
        const childEnv: NodeJS.ProcessEnv = {
          ...process.env,
          ...resources,
          ...env,
          ...(qdrantUrl !== undefined && { QDRANT_URL: qdrantUrl }),
          YGG_IN_MEMORY: 'true',
          BENCH_WORKER_LABEL: label,
          BENCH_WORKER_DOCUMENTS: String(documents),
        };
        // In Lambda the function's metrics and logs are on: their cost is the worker's.
        delete childEnv.POWERTOOLS_METRICS_DISABLED;
        results.push((await runChildForMessage(CHILD, childEnv, PROJECT_ROOT, CHILD_TIMEOUT_MS)) as WorkerRunResult);
      }
      const cpuMsPerDocument = median(results.map((result) => result.cpuMsPerDocument));
      const docsPerSecond = median(results.map((result) => result.docsPerSecond));
      const cpuCeilingDocsPerSecond = Math.round(1000 / cpuMsPerDocument);
      const exact = results.every((result) => result.exact);
      configurations.push({
        embedder,
        runs: results,
        docsPerSecond,
        cpuMsPerDocument,
        cpuCeilingDocsPerSecond,
        lambdaCeilingDocsPerSecond: Math.round(
          (cpuCeilingDocsPerSecond * taskFunctions.processDocuments.memoryMb) / LAMBDA_MB_PER_VCPU,
        ),
        peakRssMb: Math.max(...results.map((result) => result.peakRssMb)),
        exact,
        meetsTarget: exact && docsPerSecond >= WORKER_TARGET_DOCS_PER_SECOND,
      });
    }
    return {
      ran: true,
      documentsPerRun: documents,
      bedrockLatencyMs: latencyMs,
      vectorStore: qdrantUrl === undefined ? 'embedded (in process)' : `Qdrant test server (${qdrantUrl})`,
      configurations,
    };
  } finally {
    await bedrock.stop();
  }
}

/** The result as a Markdown table, one row per embedder, with the target's verdict. */
export function renderIngestWorker(result: IngestWorkerResult): string {
  if (!result.ran) return `One worker: NOT RUN: ${result.reason ?? ''}`;
  const rows = (result.configurations ?? []).map((row) => [
    row.embedder,
    row.runs.map((run) => run.docsPerSecond.toFixed(1)).join(', '),
    row.docsPerSecond.toFixed(1),
    row.cpuMsPerDocument.toFixed(1),
    String(row.cpuCeilingDocsPerSecond),
    String(row.lambdaCeilingDocsPerSecond),
    String(row.peakRssMb),
    row.exact ? 'yes' : `NO (${notExact(row.runs)})`,
    `≥ ${WORKER_TARGET_DOCS_PER_SECOND} measured: ${row.meetsTarget ? 'PASS' : 'FAIL'}`,
  ]);
  return [
    `One process-documents worker: ${result.documentsPerRun ?? 0} documents of 1 KB per run after a cold batch, ` +
      `vectors in ${result.vectorStore ?? ''}, Bedrock-shaped server latency ${result.bedrockLatencyMs ?? 0} ms. ` +
      'docs/s: measured over the warm batches with every service on this machine; ceilings: 1000 / CPU ms per ' +
      `document on one vCPU, and on the ${taskFunctions.processDocuments.memoryMb} MB Lambda's share of one ` +
      `(${LAMBDA_MB_PER_VCPU} MB = 1 vCPU).`,
    '',
    markdownTable(
      [
        { header: 'Embedder' },
        { header: 'docs/s per run', align: 'right' },
        { header: 'docs/s (median)', align: 'right' },
        { header: 'CPU ms/doc', align: 'right' },
        { header: '1-vCPU ceiling docs/s', align: 'right' },
        { header: `at ${taskFunctions.processDocuments.memoryMb} MB docs/s`, align: 'right' },
        { header: 'peak RSS MB', align: 'right' },
        { header: 'exact', align: 'right' },
        { header: 'target', align: 'right' },
      ],
      rows,
    ),
  ].join('\n');
}

/** What each run that was not exact ended with, so a NO says where the count went wrong. */
function notExact(runs: readonly WorkerRunResult[]): string {
  return runs
    .map((run, index) => ({ run, index }))
    .filter(({ run }) => !run.exact)
    .map(
      ({ run, index }) =>
        `run ${index + 1}: ${run.storedDocuments}/${run.documents} stored, ${run.succeededTasks}/${run.tasks} tasks ` +
        `done, ${run.failedRecords} failed records`,
    )
    .join('; ');
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) {
  const result = await measureIngestWorker((line) => void process.stderr.write(`${line}\n`));
  process.stdout.write(`${renderIngestWorker(result)}\n\n${JSON.stringify(result, null, 2)}\n`);
  if (result.ran && !(result.configurations ?? []).every((row) => row.exact)) process.exitCode = 1;
}
