import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { handler as issueToken } from '#functions/http/issue-token';
import { handler as updateUser } from '#functions/http/update-user';
import { httpFunctions } from '#functions/manifest';
import { createAccount } from '#shared/auth/accounts';
import { ensureSigningKeys } from '#shared/auth/signing-keys';
import { config, resetConfig } from '#shared/config';
import { passwordHasher } from '#shared/container/passwords';
import { userStore } from '#shared/container/identity';
import { secretStore } from '#shared/container/secrets';
import type { HttpResult } from '#shared/http/types';
import { authHeaders } from '../support/auth.ts';
import { useEmbeddedDefaults } from '../support/embedded.ts';
import { httpEvent, lambdaContext } from '../support/events.ts';

useEmbeddedDefaults();

const PASSWORD = 'correct horse battery staple';
const WRONG_PASSWORD = 'Tr0ub4dor&3-not-it';
/** Both rules' windows start here (windows are aligned to the epoch), so no test straddles two windows. */
const WINDOW_START = new Date('2030-01-01T00:00:00.000Z');
const ATTACKER_IP = '203.0.113.7';
const OWNER_IP = '198.51.100.42';

async function postToken(
  credentials: { username: string; password: string },
  from: { ip?: string; headers?: Record<string, string> } = {},
): Promise<HttpResult> {
  const event = httpEvent({
    method: 'POST',
    path: '/token',
    body: new URLSearchParams({ grant_type: 'password', ...credentials }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...from.headers },
  });
  event.requestContext.http.sourceIp = from.ip ?? ATTACKER_IP;
  return issueToken(event, lambdaContext(httpFunctions.issueToken));
}

async function anAccount(username: string): Promise<void> {
  await createAccount(userStore(), passwordHasher(), { username, password: PASSWORD, role: 'viewer' }, new Date());
}

/** Asserts a 429 with a Retry-After of 1 to `windowSeconds` whole seconds that does not repeat the password sent; returns it. */
function expectThrottled(result: HttpResult, windowSeconds: number, password: string): number {
  expect(result.statusCode).toBe(429);
  const retryAfter = Number(result.headers['retry-after']);
  expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= windowSeconds).toBe(true);
  expect(`${String(result.body)} ${JSON.stringify(result.headers)}`).not.toContain(password);
  return retryAfter;
}

function after(seconds: number): void {
  vi.setSystemTime(new Date(Date.now() + seconds * 1000));
}

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(WINDOW_START);
  // What the bootstrap does at start: the key ring the issued tokens are signed with.
  await ensureSigningKeys(secretStore(), { secretId: config().tokens.signingKeysSecretId, now: new Date() });
});

afterEach(() => {
  vi.useRealTimers();
});

describe('POST /token, per account and address', () => {
  const USER_WINDOW_SECONDS = 300;

  beforeEach(() => {
    vi.stubEnv('RATE_LIMIT_TOKEN_USER_IP', `3/${USER_WINDOW_SECONDS}`);
    vi.stubEnv('RATE_LIMIT_TOKEN_USER', '1000/3600');
    vi.stubEnv('RATE_LIMIT_TOKEN_IP', '1000/60');
    resetConfig();
  });

  it('refuses wrong passwords with 400 invalid_grant while under the limit', async () => {
    // Prepare
    await anAccount('ada');

    // Act
    const results = [];
    for (let attempt = 0; attempt < 3; attempt++)
      results.push(await postToken({ username: 'ada', password: WRONG_PASSWORD }));

    // Assess
    expect(results.map((result) => result.statusCode)).toEqual([400, 400, 400]);
  });

  it('answers 429 with Retry-After once the wrong passwords reach the limit', async () => {
    // Prepare
    await anAccount('ada');
    for (let attempt = 0; attempt < 3; attempt++) await postToken({ username: 'ada', password: WRONG_PASSWORD });

    // Act
    const result = await postToken({ username: 'ada', password: WRONG_PASSWORD });

    // Assess
    expectThrottled(result, USER_WINDOW_SECONDS, WRONG_PASSWORD);
  });

  it('refuses the right password too, until just before Retry-After has passed', async () => {
    // Prepare
    await anAccount('ada');
    for (let attempt = 0; attempt < 3; attempt++) await postToken({ username: 'ada', password: WRONG_PASSWORD });
    const retryAfter = expectThrottled(
      await postToken({ username: 'ada', password: WRONG_PASSWORD }),
      USER_WINDOW_SECONDS,
      WRONG_PASSWORD,
    );
    after(retryAfter - 1);

    // Act
    const result = await postToken({ username: 'ada', password: PASSWORD });

    // Assess
    expectThrottled(result, USER_WINDOW_SECONDS, PASSWORD);
  });

  it('issues a token for the right password once Retry-After has passed', async () => {
    // Prepare
    await anAccount('ada');
    for (let attempt = 0; attempt < 3; attempt++) await postToken({ username: 'ada', password: WRONG_PASSWORD });
    const retryAfter = expectThrottled(
      await postToken({ username: 'ada', password: WRONG_PASSWORD }),
      USER_WINDOW_SECONDS,
      WRONG_PASSWORD,
    );
    after(retryAfter);

    // Act
    const result = await postToken({ username: 'ada', password: PASSWORD });

    // Assess
    expect(result.statusCode).toBe(200);
  });

  it('lets the owner in from another address while a guesser is throttled', async () => {
    // Prepare
    await anAccount('ada');
    for (let attempt = 0; attempt < 4; attempt++) await postToken({ username: 'ada', password: WRONG_PASSWORD });

    // Act
    const result = await postToken({ username: 'ada', password: PASSWORD }, { ip: OWNER_IP });

    // Assess
    expect(result.statusCode).toBe(200);
  });

  it('counts the case and padding variants of a username as that username', async () => {
    // Prepare
    await anAccount('ada');
    for (const username of ['Ada', ' ada ', 'ADA']) await postToken({ username, password: WRONG_PASSWORD });

    // Act
    const result = await postToken({ username: 'ada', password: PASSWORD });

    // Assess
    expectThrottled(result, USER_WINDOW_SECONDS, PASSWORD);
  });

  it("leaves another account's logins alone", async () => {
    // Prepare
    await anAccount('ada');
    await anAccount('grace');
    for (let attempt = 0; attempt < 4; attempt++) await postToken({ username: 'ada', password: WRONG_PASSWORD });

    // Act
    const result = await postToken({ username: 'grace', password: PASSWORD });

    // Assess
    expect(result.statusCode).toBe(200);
  });
});

describe('POST /token, per client address', () => {
  const IP_WINDOW_SECONDS = 60;

  beforeEach(() => {
    vi.stubEnv('RATE_LIMIT_TOKEN_IP', `3/${IP_WINDOW_SECONDS}`);
    vi.stubEnv('RATE_LIMIT_TOKEN_USER', '1000/300');
    vi.stubEnv('RATE_LIMIT_TOKEN_USER_IP', '1000/300');
    resetConfig();
  });

  it('answers 429 with Retry-After, even to the right password, once one address reaches the limit across usernames', async () => {
    // Prepare
    await anAccount('grace');
    for (const username of ['ada', 'alan', 'edsger']) await postToken({ username, password: WRONG_PASSWORD });

    // Act
    const result = await postToken({ username: 'grace', password: PASSWORD });

    // Assess
    expectThrottled(result, IP_WINDOW_SECONDS, PASSWORD);
  });

  it('is not escaped by sending a different X-Forwarded-For with each attempt', async () => {
    // Prepare
    await anAccount('grace');
    for (const [index, username] of ['ada', 'alan', 'edsger'].entries()) {
      await postToken({ username, password: WRONG_PASSWORD }, { headers: { 'x-forwarded-for': `192.0.2.${index}` } });
    }

    // Act
    const result = await postToken(
      { username: 'grace', password: PASSWORD },
      { headers: { 'x-forwarded-for': '192.0.2.99' } },
    );

    // Assess
    expectThrottled(result, IP_WINDOW_SECONDS, PASSWORD);
  });

  it('still serves another address', async () => {
    // Prepare
    await anAccount('grace');
    for (const username of ['ada', 'alan', 'edsger', 'barbara'])
      await postToken({ username, password: WRONG_PASSWORD });

    // Act
    const result = await postToken({ username: 'grace', password: PASSWORD }, { ip: '198.51.100.20' });

    // Assess
    expect(result.statusCode).toBe(200);
  });

  it('serves the address again once Retry-After has passed', async () => {
    // Prepare
    await anAccount('grace');
    for (const username of ['ada', 'alan', 'edsger']) await postToken({ username, password: WRONG_PASSWORD });
    const retryAfter = expectThrottled(
      await postToken({ username: 'barbara', password: WRONG_PASSWORD }),
      IP_WINDOW_SECONDS,
      WRONG_PASSWORD,
    );
    after(retryAfter);

    // Act
    const result = await postToken({ username: 'grace', password: PASSWORD });

    // Assess
    expect(result.statusCode).toBe(200);
  });
});

describe('POST /token, per account from every address', () => {
  const ACCOUNT_WINDOW_SECONDS = 3600;

  beforeEach(() => {
    vi.stubEnv('RATE_LIMIT_TOKEN_USER', `4/${ACCOUNT_WINDOW_SECONDS}`);
    vi.stubEnv('RATE_LIMIT_TOKEN_USER_IP', '1000/300');
    vi.stubEnv('RATE_LIMIT_TOKEN_IP', '1000/60');
    resetConfig();
  });

  it('throttles guessing spread over many addresses at the account ceiling', async () => {
    // Prepare
    await anAccount('ada');
    for (const ip of ['198.51.100.1', '198.51.100.2', '198.51.100.3', '198.51.100.4']) {
      await postToken({ username: 'ada', password: WRONG_PASSWORD }, { ip });
    }

    // Act
    const result = await postToken({ username: 'ada', password: WRONG_PASSWORD }, { ip: '198.51.100.5' });

    // Assess
    expectThrottled(result, ACCOUNT_WINDOW_SECONDS, WRONG_PASSWORD);
  });

  it("lets the owner in again once an admin resets the account's login limits", async () => {
    // Prepare
    await anAccount('ada');
    for (const ip of ['198.51.100.1', '198.51.100.2', '198.51.100.3', '198.51.100.4']) {
      await postToken({ username: 'ada', password: WRONG_PASSWORD }, { ip });
    }
    const admin = await authHeaders('admin');
    const reset = await updateUser(
      httpEvent({
        method: 'PATCH',
        path: '/users/ada',
        pathParameters: { username: 'ada' },
        headers: { ...admin, 'content-type': 'application/json' },
        body: JSON.stringify({ resetLoginLimits: true }),
      }),
      lambdaContext(httpFunctions.updateUser),
    );

    // Act
    const result = await postToken({ username: 'ada', password: PASSWORD }, { ip: OWNER_IP });

    // Assess
    expect(reset.statusCode).toBe(200);
    expect(result.statusCode).toBe(200);
  });
});

describe('POST /token, on the default limits', () => {
  it('never locks the owner out however long a stranger sends one wrong password a minute from elsewhere', async () => {
    // Prepare
    await anAccount('ada');
    const ownerResults: number[] = [];

    // Act
    for (let minute = 0; minute < 180; minute++) {
      await postToken({ username: 'ada', password: WRONG_PASSWORD });
      if (minute % 10 === 9)
        ownerResults.push((await postToken({ username: 'ada', password: PASSWORD }, { ip: OWNER_IP })).statusCode ?? 0);
      after(60);
    }

    // Assess
    expect(new Set(ownerResults)).toEqual(new Set([200]));
  });

  it('still throttles a brute force from one address after five attempts', async () => {
    // Prepare
    await anAccount('ada');
    const results: number[] = [];

    // Act
    for (let attempt = 0; attempt < 8; attempt++) {
      results.push((await postToken({ username: 'ada', password: WRONG_PASSWORD })).statusCode ?? 0);
    }

    // Assess
    expect(results).toEqual([400, 400, 400, 400, 400, 429, 429, 429]);
  });
});
