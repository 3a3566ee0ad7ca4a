import { afterEach, describe, expect, it, vi } from 'vitest';
import { httpFunctions, type HttpFunction } from '#functions/manifest';
import { resetConfig } from '#shared/config';
import { idempotentHttpFunction } from '#shared/http/idempotent-http-function';
import { json } from '#shared/http/responses';
import type { HttpResult } from '#shared/http/types';
import { logger } from '#shared/observability/logger';
import { authHeaders } from '../../support/auth.ts';
import { useEmbeddedDefaults } from '../../support/embedded.ts';
import { httpEvent, lambdaContext } from '../../support/events.ts';

useEmbeddedDefaults();

// A route that needs `concepts:write`, whose handler is never reached by the refused requests below.
const fn: HttpFunction = httpFunctions.createConcept;
const handler = idempotentHttpFunction(fn, () => Promise.resolve(json(201, { ok: true })));

async function send(headers: Record<string, string> = {}): Promise<HttpResult> {
  return handler(httpEvent({ method: 'POST', path: '/concepts', headers }), lambdaContext(fn));
}

/** The `durationMs` of the request log line written while `act` ran. */
async function loggedDuration(act: () => Promise<unknown>): Promise<number> {
  const info = vi.spyOn(logger, 'info');
  await act();
  const line = info.mock.calls.find(([message]) => message === 'request');
  const extra = line?.[1] as { durationMs?: unknown } | undefined;
  if (typeof extra?.durationMs !== 'number') throw new Error('no request line with a durationMs was logged');
  return extra.durationMs;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('request timing', () => {
  it('gives a 401 a positive X-Process-Time', async () => {
    const result = await send();

    expect(result.statusCode).toBe(401);
    expect(Number(result.headers['x-process-time'])).toBeGreaterThan(0);
  });

  it('gives a 403 a positive X-Process-Time', async () => {
    const viewer = await authHeaders('viewer');

    const result = await send(viewer);

    expect(result.statusCode).toBe(403);
    expect(Number(result.headers['x-process-time'])).toBeGreaterThan(0);
  });

  it('gives a 429 a positive X-Process-Time', async () => {
    vi.stubEnv('RATE_LIMIT_PRINCIPAL', '1/60');
    resetConfig();
    const editor = await authHeaders('editor');
    await send(editor);

    const result = await send(editor);

    expect(result.statusCode).toBe(429);
    expect(Number(result.headers['x-process-time'])).toBeGreaterThan(0);
  });

  it('logs a positive duration for a refused request', async () => {
    const durationMs = await loggedDuration(() => send());

    expect(durationMs).toBeGreaterThan(0);
  });

  it('measures the log line and the header from the same start', async () => {
    let result: HttpResult | undefined;
    const durationMs = await loggedDuration(async () => {
      result = await send();
    });

    // The header is set before the log line is written (middy runs `after` hooks in reverse), so the logged
    // duration is never the shorter of the two when both count from the one start.
    expect(durationMs).toBeGreaterThanOrEqual(Number(result?.headers['x-process-time']) * 1000 - 0.001);
  });
});
