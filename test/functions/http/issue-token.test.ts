import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { handler } from '#functions/http/issue-token';
import { httpFunctions } from '#functions/manifest';
import { createAccount } from '#shared/auth/accounts';
import { ensureSigningKeys } from '#shared/auth/signing-keys';
import { verifyAccessToken } from '#shared/auth/tokens';
import { config, resetConfig } from '#shared/config';
import { auditLog } from '#shared/container/audit';
import { signingKeys, userStore } from '#shared/container/identity';
import { passwordHasher } from '#shared/container/passwords';
import { secretStore } from '#shared/container/secrets';
import { TOKEN_REQUEST_MAX_BYTES } from '#shared/http/oauth';
import type { HttpResult } from '#shared/http/types';
import { useEmbeddedDefaults } from '../../support/embedded.ts';
import { httpEvent, lambdaContext } from '../../support/events.ts';
import { jsonBody } from '../../support/http.ts';

useEmbeddedDefaults();

const FORM = 'application/x-www-form-urlencoded';
const PASSWORD = 'correct horse battery staple';

beforeEach(async () => {
  await ensureSigningKeys(secretStore(), { secretId: config().tokens.signingKeysSecretId, now: new Date() });
  await createAccount(
    userStore(),
    passwordHasher(),
    { username: 'ada', password: PASSWORD, role: 'editor' },
    new Date(),
  );
});

afterEach(() => {
  vi.useRealTimers();
});

async function postToken(
  body: string,
  options: { contentType?: string; sourceIp?: string; base64?: boolean } = {},
): Promise<HttpResult> {
  const event = httpEvent({
    method: 'POST',
    path: '/token',
    body: options.base64 ? Buffer.from(body).toString('base64') : body,
    headers: { 'content-type': options.contentType ?? FORM },
  });
  event.isBase64Encoded = options.base64 ?? false;
  event.requestContext.http.sourceIp = options.sourceIp ?? '198.51.100.7';
  return handler(event, lambdaContext(httpFunctions.issueToken));
}

const passwordGrant = (username: string, password: string) =>
  new URLSearchParams({ grant_type: 'password', username, password }).toString();

/** Asserts an RFC 6749 §5.2 error with this status and code, and returns its body. */
function expectOAuthError(result: HttpResult, status: number, error: string): { error_description: string } {
  expect(result.statusCode).toBe(status);
  expect(result.headers['content-type']).toMatch(/^application\/json/);
  const body = jsonBody(result) as { error: string; error_description: string };
  expect(body.error).toBe(error);
  expect(body.error_description).toMatch(/^[\x20-\x21\x23-\x5b\x5d-\x7e]+$/);
  return body;
}

const auditEntries = async () => (await auditLog().query({ limit: 100 })).entries;

/** Pins the clock a second into a rate-limit window, so a test's attempts cannot straddle two windows. */
function atStartOfWindow(): void {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2031-01-01T00:00:01Z'));
}

describe('POST /token', () => {
  it('issues a bearer token that names the user and their role', async () => {
    const result = await postToken(passwordGrant('ada', PASSWORD));

    expect(result.statusCode).toBe(200);
    const body = jsonBody(result) as { access_token: string; token_type: string; expires_in: number };
    expect(body.token_type).toBe('Bearer');
    expect(body.expires_in).toBe(config().tokens.lifetimeSeconds);
    const claims = await verifyAccessToken(body.access_token, await signingKeys(), config().tokens);
    expect(claims).toMatchObject({ sub: 'ada', role: 'editor' });
  });

  it('forbids caches to keep the token', async () => {
    const result = await postToken(passwordGrant('ada', PASSWORD));

    expect(result.headers['cache-control']).toBe('no-store');
    expect(result.headers.pragma).toBe('no-cache');
  });

  it('accepts the username in any case and with surrounding spaces', async () => {
    const result = await postToken(passwordGrant(' ADA ', PASSWORD));

    expect(result.statusCode).toBe(200);
  });

  it('accepts a base64-encoded form, as API Gateway may deliver it', async () => {
    const result = await postToken(passwordGrant('ada', PASSWORD), { base64: true });

    expect(result.statusCode).toBe(200);
  });

  it('ignores a scope and unknown parameters', async () => {
    const result = await postToken(`${passwordGrant('ada', PASSWORD)}&scope=read%20write&client_id=cli`);

    expect(result.statusCode).toBe(200);
  });

  it('records a successful login with the user as actor', async () => {
    await postToken(passwordGrant('ada', PASSWORD));

    const entries = await auditEntries();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: 'login.success', actor: 'ada', outcome: 'success', status: 200 });
  });

  it('refuses a wrong password with 400 invalid_grant and no-store', async () => {
    const result = await postToken(passwordGrant('ada', 'not the password at all'));

    expectOAuthError(result, 400, 'invalid_grant');
    expect(result.headers['cache-control']).toBe('no-store');
  });

  it('records a wrong password as a login failure of the username tried, without the password', async () => {
    await postToken(passwordGrant('ada', 'not the password at all'));

    const entries = await auditEntries();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: 'login.failure', actor: 'ada', outcome: 'failure', status: 400 });
    expect(JSON.stringify(entries)).not.toContain('not the password at all');
  });

  it('answers an unknown user exactly as a wrong password', async () => {
    const unknown = await postToken(passwordGrant('nobody', 'not the password at all'));
    const wrong = await postToken(passwordGrant('ada', 'not the password at all'));

    expect(unknown.statusCode).toBe(wrong.statusCode);
    expect(unknown.body).toBe(wrong.body);
  });

  it('refuses a disabled account with invalid_grant', async () => {
    await userStore().setDisabled('ada', true, new Date());

    expectOAuthError(await postToken(passwordGrant('ada', PASSWORD)), 400, 'invalid_grant');
  });

  it.each([
    ['grant_type', 'username=ada&password=x'],
    ['username', 'grant_type=password&password=x'],
    ['password', 'grant_type=password&username=ada'],
    ['an empty password', 'grant_type=password&username=ada&password='],
  ])('refuses a request without %s as invalid_request', async (_missing, body) => {
    expectOAuthError(await postToken(body), 400, 'invalid_request');
  });

  it('refuses another grant type as unsupported_grant_type', async () => {
    const result = await postToken('grant_type=client_credentials&client_id=a&client_secret=b');

    expectOAuthError(result, 400, 'unsupported_grant_type');
  });

  it('refuses a JSON body as invalid_request', async () => {
    const body = JSON.stringify({ grant_type: 'password', username: 'ada', password: PASSWORD });

    expectOAuthError(await postToken(body, { contentType: 'application/json' }), 400, 'invalid_request');
  });

  it('refuses a body without a content type as invalid_request', async () => {
    const event = httpEvent({ method: 'POST', path: '/token', body: passwordGrant('ada', PASSWORD) });

    expectOAuthError(await handler(event, lambdaContext(httpFunctions.issueToken)), 400, 'invalid_request');
  });

  it('refuses a body over the size limit as invalid_request', async () => {
    const body = `${passwordGrant('ada', PASSWORD)}&padding=${'x'.repeat(TOKEN_REQUEST_MAX_BYTES)}`;

    const { error_description } = expectOAuthError(await postToken(body), 400, 'invalid_request');
    expect(error_description).toMatch(/4096 bytes/);
  });

  it('refuses a repeated parameter as invalid_request', async () => {
    const body = `${passwordGrant('ada', PASSWORD)}&username=eve`;

    expectOAuthError(await postToken(body), 400, 'invalid_request');
  });

  it('records nothing for a malformed request', async () => {
    await postToken('grant_type=password&username=ada');

    expect(await auditEntries()).toEqual([]);
  });

  it('refuses the sixth wrong attempt at one username from one address with 429 and Retry-After', async () => {
    atStartOfWindow();
    const { limit } = config().rateLimits.tokenPerUserAndIp;
    for (let attempt = 0; attempt < limit; attempt += 1) {
      expectOAuthError(await postToken(passwordGrant('ada', `wrong guess ${attempt}`)), 400, 'invalid_grant');
    }

    const result = await postToken(passwordGrant('ada', 'wrong guess again'));

    expectOAuthError(result, 429, 'slow_down');
    expect(Number(result.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('refuses even the right password once the username is over its limit', async () => {
    atStartOfWindow();
    const { limit } = config().rateLimits.tokenPerUser;
    for (let attempt = 0; attempt < limit; attempt += 1) {
      await postToken(passwordGrant('ada', `wrong guess ${attempt}`), { sourceIp: `198.51.100.${attempt + 10}` });
    }

    expectOAuthError(await postToken(passwordGrant('ADA', PASSWORD)), 429, 'slow_down');
  });

  it('records a throttled attempt as denied, once', async () => {
    atStartOfWindow();
    const { limit } = config().rateLimits.tokenPerUserAndIp;
    for (let attempt = 0; attempt < limit; attempt += 1) await postToken(passwordGrant('ada', `wrong ${attempt}`));

    await postToken(passwordGrant('ada', 'wrong again'));

    const denied = (await auditEntries()).filter((entry) => entry.outcome === 'denied');
    expect(denied).toEqual([
      expect.objectContaining({ action: 'request.denied', actor: 'ada', status: 429 }) as unknown,
    ]);
  });

  it('refuses an address over its limit, whichever username it tries', async () => {
    vi.stubEnv('RATE_LIMIT_TOKEN_IP', '2/60');
    resetConfig();
    atStartOfWindow();
    await postToken(passwordGrant('eve', 'guess one'));
    await postToken(passwordGrant('mallory', 'guess two'));

    const result = await postToken(passwordGrant('ada', PASSWORD));

    expectOAuthError(result, 429, 'slow_down');
    expect(result.headers['retry-after']).toBe('59');
  });

  it('lets another address in while one is over its limit', async () => {
    vi.stubEnv('RATE_LIMIT_TOKEN_IP', '1/60');
    resetConfig();
    atStartOfWindow();
    await postToken(passwordGrant('eve', 'guess one'), { sourceIp: '203.0.113.66' });

    const result = await postToken(passwordGrant('ada', PASSWORD), { sourceIp: '203.0.113.1' });

    expect(result.statusCode).toBe(200);
  });
});
