import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningRuntime } from './local-runtime.ts';
import { provisionTestResources, startSignedInRuntime, testServices } from './signed-in-runtime.ts';

interface TaskView {
  taskId: string;
  status: string;
  current: number;
  total: number;
  percentage: number;
  errors: unknown[];
  result?: { succeeded: number; failed: number; documentIds: string[] };
}

async function pollTask(url: string, taskId: string, headers: Record<string, string>): Promise<TaskView> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const response = await fetch(`${url}/tasks/${taskId}`, { headers });
    expect(response.status).toBe(200);
    const task = (await response.json()) as TaskView;
    if (task.status === 'SUCCESS' || task.status === 'FAILURE' || Date.now() > deadline) return task;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const variants = [
  {
    name: 'on embedded defaults',
    expectedAdapters: { graph: 'embedded', progress: 'embedded', queue: 'embedded' },
    env: (dataDir: string) => Promise.resolve({ YGG_DATA_DIR: dataDir }),
  },
  {
    name: 'on the real servers',
    expectedAdapters: { graph: 'neo4j', progress: 'dynamodb', queue: 'sqs' },
    env: async () => {
      const services = testServices('The real-server e2e tests');
      return { ...services, ...(await provisionTestResources(services, 'e2e')) };
    },
  },
] as const;

describe.each(variants)('the first path, over HTTP, $name', ({ env, expectedAdapters }) => {
  let runtime: RunningRuntime;
  let dataDir: string;
  let auth: Record<string, string>;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'ygg-e2e-'));
    ({ runtime, headers: auth } = await startSignedInRuntime(await env(dataDir)));
  }, 120_000);

  afterAll(async () => {
    await runtime.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('uses the adapters its configuration names', () => {
    expect(runtime.adapters.graph).toBe(expectedAdapters.graph);
    expect(runtime.adapters.progress).toBe(expectedAdapters.progress);
    expect(runtime.adapters.queues['process-documents']).toBe(expectedAdapters.queue);
  });

  it('reports every dependency up on /health', async () => {
    const response = await fetch(`${runtime.url}/health`);
    const report = (await response.json()) as {
      status: string;
      version: string;
      components: Record<string, { status: string; adapter: string }>;
    };
    expect(response.status).toBe(200);
    expect(report).toMatchObject({ status: 'healthy', version: '2.0.0' });
    expect(report.components.graph).toMatchObject({ status: 'up', adapter: expectedAdapters.graph });
    expect(report.components.progress).toMatchObject({ status: 'up', adapter: expectedAdapters.progress });
    expect(report.components.queue).toMatchObject({ status: 'up', adapter: expectedAdapters.queue });
  });

  it('accepts documents, processes them from the queue into the graph and reports SUCCESS', async () => {
    const documents = Array.from({ length: 3 }, (_, i) => ({
      title: `Document ${i} ${randomUUID()}`,
      text: `Text of document ${i}.`,
      domain: i === 0 ? 'mathematics' : 'science',
    }));

    const accepted = await fetch(`${runtime.url}/documents`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth },
      body: JSON.stringify({ documents }),
    });
    expect(accepted.status).toBe(202);
    const { taskId, status, statusUrl } = (await accepted.json()) as {
      taskId: string;
      status: string;
      statusUrl: string;
    };
    expect(status).toBe('PENDING');
    expect(statusUrl).toBe(`/tasks/${taskId}`);

    const task = await pollTask(runtime.url, taskId, auth);
    expect(task).toMatchObject({ status: 'SUCCESS', current: 3, total: 3, percentage: 100, errors: [] });
    expect(task.result?.documentIds).toHaveLength(3);
  });

  it('answers bad input with a problem document and an unknown task with 404', async () => {
    const bad = await fetch(`${runtime.url}/documents`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth },
      body: '{"documents": "none"}',
    });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toBe('application/problem+json');

    const unknown = await fetch(`${runtime.url}/tasks/${randomUUID()}`, { headers: auth });
    expect(unknown.status).toBe(404);

    const anonymous = await fetch(`${runtime.url}/tasks/${randomUUID()}`);
    expect(anonymous.status).toBe(401);
  });

  it('logs one structured line per request and per task record', () => {
    const logs = runtime.lines.flatMap((line) => {
      try {
        return [JSON.parse(line) as { message?: string; taskId?: string; requestId?: string }];
      } catch {
        return [];
      }
    });
    expect(logs.some((entry) => entry.message === 'request' && entry.requestId)).toBe(true);
    expect(logs.some((entry) => entry.message === 'task record' && entry.taskId)).toBe(true);
  });
});
