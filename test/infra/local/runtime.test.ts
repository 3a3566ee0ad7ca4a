import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
  process.env.YGG_IN_MEMORY = 'true';
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
});

import { httpFunctions, type HttpFunction } from '#functions/manifest';
import { startLocalRuntime, type LocalRuntime } from '#infra/local/main';
import { useEmbeddedAdapters } from './fixtures/embedded-adapters.ts';
import { authHeaders } from '../../support/auth.ts';

interface Problem {
  readonly type: string;
  readonly status: number;
  readonly detail: string;
}

const routedFunctions = Object.values(httpFunctions as Record<string, HttpFunction>).flatMap((fn) =>
  fn.route === '$default' ? [] : [{ name: fn.name, method: fn.route.method, path: fn.route.path }],
);

/** The fallback's own answers: a 405, or a 404 saying no route matched. */
function answeredByFallback(status: number, problem: Partial<Problem>): boolean {
  return status === 405 || (status === 404 && problem.detail?.startsWith('No route for') === true);
}

let runtime: LocalRuntime;

beforeAll(async () => {
  useEmbeddedAdapters();
  runtime = await startLocalRuntime({ port: 0 });
});

afterAll(async () => {
  await runtime.stop();
});

describe('the local runtime on the project manifest', () => {
  it('says which adapter serves each port, and that its data is in memory', () => {
    expect(runtime.storage).toBe('in-memory');
    expect(runtime.adapters).toEqual({
      graph: 'embedded',
      progress: 'embedded',
      queues: { 'process-documents': 'embedded' },
    });
  });

  it.each(routedFunctions)('serves $method $path from $name, not from the fallback', async ({ method, path }) => {
    const url = `${runtime.url}${path.replace(/\{\w+\}/g, randomUUID())}`;

    const response = await fetch(url, { method });
    const body = (await response.json()) as Partial<Problem>;

    expect(response.headers.get('x-server')).toMatch(/^Yggdrasil\//);
    expect(answeredByFallback(response.status, body)).toBe(false);
  });

  it('answers an unknown path with a 404 problem document', async () => {
    const response = await fetch(`${runtime.url}/no/such/thing`);

    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await response.json()).toMatchObject({ type: '/problems/not-found', status: 404 });
  });

  it('answers a wrong method on /health with a 405 that allows GET', async () => {
    const response = await fetch(`${runtime.url}/health`, { method: 'DELETE' });

    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET');
    expect(await response.json()).toMatchObject({ type: '/problems/method-not-allowed', status: 405 });
  });

  it('processes posted documents on the queue until the task succeeds', async () => {
    const documents = [
      { title: 'Yggdrasil', text: 'The world tree of Norse cosmology.', domain: 'religion' },
      { title: 'Bifröst', text: 'The burning rainbow bridge.', domain: 'religion' },
    ];

    const headers = await authHeaders('editor');
    const accepted = await fetch(`${runtime.url}/documents`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ documents }),
    });
    const { statusUrl } = (await accepted.json()) as { statusUrl: string };
    const progress = await vi.waitFor(
      async () => {
        const response = await fetch(`${runtime.url}${statusUrl}`, { headers });
        const task = (await response.json()) as { status: string; current: number };
        if (task.status !== 'SUCCESS') throw new Error(`task is ${task.status}`);
        return task;
      },
      { timeout: 5_000, interval: 50 },
    );

    expect(accepted.status).toBe(202);
    expect(progress).toMatchObject({ status: 'SUCCESS', current: 2, total: 2 });
  });

  it('refuses a body over 10 MB with a 413 problem document before any function runs', async () => {
    const body = Buffer.alloc(10 * 1024 * 1024 + 1, 0x61);

    const response = await fetch(`${runtime.url}/documents`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });

    expect(response.status).toBe(413);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await response.json()).toMatchObject({ type: '/problems/payload-too-large', status: 413 });
  });
});

describe('the local runtime given bytes that are not UTF-8', () => {
  // {"name":"\xff\xfe"}: a JSON body whose string holds two bytes no UTF-8 text contains.
  const notUtf8 = (before: string, after: string): Buffer =>
    Buffer.concat([Buffer.from(before, 'utf8'), Buffer.from([0xff, 0xfe]), Buffer.from(after, 'utf8')]);

  it.each([
    { path: '/concepts', body: notUtf8('{"name":"', '"}') },
    { path: '/documents', body: notUtf8('{"documents":[{"title":"', '","text":"t"}]}') },
  ])('answers POST $path with a 400 problem document and stores nothing', async ({ path, body }) => {
    const headers = await authHeaders('editor');

    const response = await fetch(`${runtime.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });
    const listed = await fetch(`${runtime.url}/concepts`, { headers });

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      type: '/problems/malformed-body',
      detail: 'The body is not valid UTF-8',
    });
    expect(((await listed.json()) as { items: unknown[] }).items).toEqual([]);
  });

  it('answers the /token form with an OAuth invalid_request', async () => {
    const response = await fetch(`${runtime.url}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: notUtf8('grant_type=password&username=admin&password=', ''),
    });

    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: 'invalid_request',
      error_description: 'The body is not valid UTF-8',
    });
  });
});

describe('the local runtime given a request Node cannot parse', () => {
  it('answers a request head over the limit with a 431 problem document', async () => {
    const response = await fetch(`${runtime.url}/health`, { headers: { 'x-padding': 'a'.repeat(20_000) } });

    expect(response.status).toBe(431);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await response.json()).toMatchObject({ type: '/problems/request-header-fields-too-large', status: 431 });
  });
});
