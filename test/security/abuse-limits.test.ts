import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { handler as listApiKeys } from '#functions/http/list-api-keys';
import { httpFunctions } from '#functions/manifest';
import { issueApiKey } from '#shared/auth/api-keys';
import { ensureSigningKeys } from '#shared/auth/signing-keys';
import { config, resetConfig } from '#shared/config';
import { secretStore } from '#shared/container/secrets';
import { auditLog } from '#shared/container/audit';
import { apiKeyStore } from '#shared/container/identity';
import type { HttpResult } from '#shared/http/types';
import { authHeaders } from '../support/auth.ts';
import { useEmbeddedDefaults } from '../support/embedded.ts';
import { httpEvent, lambdaContext } from '../support/events.ts';

useEmbeddedDefaults();

const STRANGER_IP = '203.0.113.7';
/** Windows are aligned to the epoch: every request of a test falls in one. */
const WINDOW_START = new Date('2030-01-01T00:00:00.000Z');

async function listKeys(headers: Record<string, string>, ip = STRANGER_IP): Promise<HttpResult> {
  const event = httpEvent({ method: 'GET', path: '/api-keys', headers });
  event.requestContext.http.sourceIp = ip;
  return listApiKeys(event, lambdaContext(httpFunctions.listApiKeys));
}

async function auditEntries() {
  return (await auditLog().query({ limit: 100 })).entries;
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(WINDOW_START);
});

afterEach(() => {
  vi.useRealTimers();
});

describe('requests without valid credentials', () => {
  it('are answered 429 past the per-address limit', async () => {
    // Prepare
    vi.stubEnv('RATE_LIMIT_ANONYMOUS', '60/60');
    resetConfig();

    // Act
    const statuses: number[] = [];
    for (let request = 0; request < 500; request++) statuses.push((await listKeys({})).statusCode ?? 0);

    // Assess
    expect(statuses.slice(0, 60)).toEqual(Array(60).fill(401));
    expect(statuses.slice(60)).toEqual(Array(440).fill(429));
  });

  it('leave a bounded number of audit entries that count them all', async () => {
    // Prepare
    vi.stubEnv('RATE_LIMIT_ANONYMOUS', '60/60');
    resetConfig();

    // Act
    for (let request = 0; request < 500; request++) await listKeys({});

    // Assess
    const entries = await auditEntries();
    expect(entries.map((entry) => [entry.status, entry.count]).sort()).toEqual([
      [401, 60],
      [429, 440],
    ]);
  });

  it('count bad tokens against the address too', async () => {
    // Prepare
    vi.stubEnv('RATE_LIMIT_ANONYMOUS', '3/60');
    resetConfig();
    await ensureSigningKeys(secretStore(), { secretId: config().tokens.signingKeysSecretId, now: new Date() });
    for (let request = 0; request < 3; request++) await listKeys({ authorization: 'Bearer not-a-token' });

    // Act
    const result = await listKeys({ 'x-api-key': 'mcp_guessed' });

    // Assess
    expect(result.statusCode).toBe(429);
    expect(Number(result.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  });

  it('do not hold up a caller with valid credentials from the same address', async () => {
    // Prepare
    vi.stubEnv('RATE_LIMIT_ANONYMOUS', '3/60');
    resetConfig();
    for (let request = 0; request < 5; request++) await listKeys({});
    const bearer = await authHeaders('viewer');

    // Act
    const result = await listKeys(bearer);

    // Assess
    expect(result.statusCode).toBe(200);
  });

  it('do not count against another address', async () => {
    // Prepare
    vi.stubEnv('RATE_LIMIT_ANONYMOUS', '3/60');
    resetConfig();
    for (let request = 0; request < 5; request++) await listKeys({});

    // Act
    const result = await listKeys({}, '198.51.100.9');

    // Assess
    expect(result.statusCode).toBe(401);
  });
});

describe('the per-user rate limit', () => {
  it("is shared by the user's token and every one of their API keys", async () => {
    // Prepare
    vi.stubEnv('RATE_LIMIT_PRINCIPAL', '3/60');
    resetConfig();
    const bearer = await authHeaders('viewer', 'ada');
    const keys = await Promise.all(
      ['one', 'two', 'three'].map((name) => issueApiKey(apiKeyStore(), { owner: 'ada', name }, new Date())),
    );

    // Act
    const statuses = [
      (await listKeys(bearer)).statusCode ?? 0,
      ...(await Promise.all(keys.map(async ({ key }) => (await listKeys({ 'x-api-key': key })).statusCode ?? 0))),
    ];

    // Assess
    expect(statuses.sort()).toEqual([200, 200, 200, 429]);
  });
});
