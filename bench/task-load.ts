/**
 * `npm run bench:tasks` (and the end of `npm run bench`): 1,000 documents submitted by 10 concurrent
 * clients (1 KB of English prose each) to the local runtime on real backends (Neo4j, DynamoDB and SQS in moto: `npm run services`, then
 * export what it prints). Checks exact counts (no loss, no duplicates) and reports submit p95,
 * queue-to-done p50/p95, documents per second of the whole runtime (API, every poller and the clients in one
 * process, beside Neo4j and moto) and its peak RSS. What one worker does is `bench/ingest-worker.ts`.
 */
import { randomUUID } from 'node:crypto';
import neo4j from 'neo4j-driver-lite';
import { taskFunctions } from '#functions/manifest';
import { startLocalRuntime } from '#infra/local/main';
import { provisionAwsResources } from '#infra/local/provision';
import { resetConfig } from '#shared/config';
import { toKnowledgeDocument } from '#shared/domain/documents';
import type { TaskProgress } from '#shared/domain/tasks';
import { ingestDocuments } from './ingest-documents.ts';

const CLIENTS = 10;
const TASKS_PER_CLIENT = 10;
const DOCUMENTS_PER_TASK = 10;
const ADMIN = { username: 'bench-admin', password: 'correct horse battery staple' };

export interface TaskLoadResult {
  readonly ran: boolean;
  readonly reason?: string;
  readonly documents?: number;
  readonly exact?: boolean;
  readonly submitP95Ms?: number;
  readonly queueToDoneP50Ms?: number;
  readonly queueToDoneP95Ms?: number;
  /** Documents finished per second by the whole local runtime: every poller shares its one Node thread. */
  readonly docsPerSecondWholeRuntime?: number;
  /** Pollers (`maxConcurrency`) in that one process: not workers with a vCPU each. */
  readonly pollers?: number;
  readonly peakRssMb?: number;
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

export async function measureTaskLoad(): Promise<TaskLoadResult> {
  const { NEO4J_URI, NEO4J_USERNAME = 'neo4j', NEO4J_PASSWORD = '', AWS_ENDPOINT_URL } = process.env;
  if (!NEO4J_URI || !AWS_ENDPOINT_URL) {
    return {
      ran: false,
      reason: 'NEO4J_URI and AWS_ENDPOINT_URL are not set: start `npm run services` and export its output',
    };
  }
  const resources = await provisionAwsResources(`bench-${randomUUID().slice(0, 8)}`, {
    endpoint: AWS_ENDPOINT_URL,
    region: process.env.AWS_REGION ?? 'us-east-1',
  });
  Object.assign(process.env, resources, {
    ADMIN_USERNAME: ADMIN.username,
    ADMIN_PASSWORD: ADMIN.password,
    RATE_LIMIT_PRINCIPAL: '100000/60',
    YGG_IN_MEMORY: 'true',
  });
  resetConfig();
  const runtime = await startLocalRuntime({ port: 0 });
  try {
    const token = await fetch(`${runtime.url}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'password', ...ADMIN }),
    }).then(async (response) => ((await response.json()) as { access_token: string }).access_token);
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const run = randomUUID();
    const submitMs: number[] = [];
    const taskIds: string[] = [];
    const ids: string[] = [];
    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, client) => {
        for (let task = 0; task < TASKS_PER_CLIENT; task += 1) {
          const documents = await ingestDocuments(`${run} ${client}-${task}`, DOCUMENTS_PER_TASK);
          ids.push(...documents.map((document) => toKnowledgeDocument({ ...document, domain: 'general' }).id));
          const started = performance.now();
          const response = await fetch(`${runtime.url}/documents`, {
            method: 'POST',
            headers,
            body: JSON.stringify({ documents }),
          });
          submitMs.push(performance.now() - started);
          if (response.status !== 202) throw new Error(`submit answered ${response.status}: ${await response.text()}`);
          taskIds.push(((await response.json()) as { taskId: string }).taskId);
        }
      }),
    );
    const views: TaskProgress[] = [];
    for (const taskId of taskIds) {
      for (;;) {
        const view = (await (await fetch(`${runtime.url}/tasks/${taskId}`, { headers })).json()) as TaskProgress;
        if (view.status === 'SUCCESS' || view.status === 'FAILURE') {
          views.push(view);
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    const graph = neo4j.driver(NEO4J_URI, neo4j.auth.basic(NEO4J_USERNAME, NEO4J_PASSWORD));
    const { records } = await graph.executeQuery('MATCH (d:Document) WHERE d.id IN $ids RETURN count(d) AS n', { ids });
    await graph.close();
    const storedCount = Number(records[0]?.get('n'));
    const counted = views.reduce((sum, view) => sum + (view.result?.succeeded ?? 0), 0);
    const queueToDone = views.map(
      (view) => Date.parse(view.completedAt ?? view.updatedAt) - Date.parse(view.createdAt),
    );
    const first = Math.min(...views.map((view) => Date.parse(view.createdAt)));
    const last = Math.max(...views.map((view) => Date.parse(view.completedAt ?? view.updatedAt)));
    return {
      ran: true,
      documents: ids.length,
      exact: storedCount === ids.length && counted === ids.length && views.every((view) => view.status === 'SUCCESS'),
      submitP95Ms: Math.round(percentile(submitMs, 95)),
      queueToDoneP50Ms: Math.round(percentile(queueToDone, 50)),
      queueToDoneP95Ms: Math.round(percentile(queueToDone, 95)),
      docsPerSecondWholeRuntime: Math.round((ids.length / ((last - first) / 1000)) * 100) / 100,
      pollers: taskFunctions.processDocuments.queue.maxConcurrency,
      // One process runs every worker here, so this is the peak of all of them together (ru_maxrss, KiB).
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    };
  } finally {
    await runtime.stop();
  }
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) {
  const result = await measureTaskLoad();
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  if (result.ran && !result.exact) process.exitCode = 1;
}
