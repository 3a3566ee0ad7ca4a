import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetConfig } from '#shared/config';
import { httpEvent, lambdaContext } from '../../support/events.ts';
import { useEmbeddedDefaults } from '../../support/embedded.ts';

useEmbeddedDefaults();

// The stack reads CORS_ORIGINS when a handler module is made, so each test imports the fallback afresh.
async function fallbackHandler() {
  vi.resetModules();
  return (await import('#functions/http/fallback')).handler;
}

describe('CORS', () => {
  beforeEach(() => {
    vi.stubEnv('CORS_ORIGINS', 'https://app.example.com');
    resetConfig();
  });
  afterEach(() => {
    vi.resetModules();
  });

  it('answers a preflight from an allowed origin with 204 without running the handler', async () => {
    const handler = await fallbackHandler();
    const event = httpEvent({
      method: 'OPTIONS',
      path: '/concepts',
      routeKey: '$default',
      headers: { origin: 'https://app.example.com', 'access-control-request-method': 'POST' },
    });

    const result = await handler(event, lambdaContext());

    expect(result.statusCode).toBe(204);
    expect(result.headers['Access-Control-Allow-Origin']).toBe('https://app.example.com');
    expect(result.headers['Access-Control-Allow-Methods']).toContain('POST');
    expect(result.body ?? '').toBe('');
  });

  it('grants no origin that is not configured', async () => {
    const handler = await fallbackHandler();
    const event = httpEvent({
      method: 'GET',
      path: '/nowhere',
      routeKey: '$default',
      headers: { origin: 'https://evil.example' },
    });

    const result = await handler(event, lambdaContext());

    expect(result.headers['Access-Control-Allow-Origin']).toBeUndefined();
  });
});
