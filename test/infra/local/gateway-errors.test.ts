import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
  process.env.YGG_IN_MEMORY = 'true';
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
});

import { startLocalRuntime, type LocalRuntime } from '#infra/local/main';
import { useEmbeddedAdapters } from './fixtures/embedded-adapters.ts';
import { slowHttp, throwingHttp } from './fixtures/manifest.ts';

let runtime: LocalRuntime;

beforeAll(async () => {
  useEmbeddedAdapters();
  runtime = await startLocalRuntime({ port: 0, manifest: [slowHttp, throwingHttp] });
});

afterAll(async () => {
  await runtime.stop();
});

describe('the local gateway', () => {
  it('answers 504 with a problem document when a function outlives its timeout', async () => {
    const response = await fetch(`${runtime.url}/slow`);

    expect(response.status).toBe(504);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await response.json()).toMatchObject({ type: '/problems/gateway-timeout', status: 504 });
  });

  it('answers 500 without the error details when a function throws', async () => {
    const response = await fetch(`${runtime.url}/throws`);
    const text = await response.text();

    expect(response.status).toBe(500);
    expect(JSON.parse(text)).toMatchObject({ type: '/problems/internal-error', status: 500 });
    expect(text).not.toContain('hunter2');
  });

  it('answers 404 itself when the manifest has no $default function', async () => {
    const response = await fetch(`${runtime.url}/elsewhere`);

    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ type: '/problems/not-found', status: 404 });
  });
});
