import { beforeEach, describe, expect, it, vi } from 'vitest';
import { handler } from '#functions/http/create-api-key';
import { handler as listApiKeys } from '#functions/http/list-api-keys';
import { httpFunctions } from '#functions/manifest';
import { hashApiKey, issueApiKey } from '#shared/auth/api-keys';
import { resetConfig } from '#shared/config';
import { auditLog } from '#shared/container/audit';
import { apiKeyStore } from '#shared/container/identity';
import { API_KEY_BODY_MAX_BYTES } from '#shared/services/api-keys';
import { authHeaders } from '../../support/auth.ts';
import { useEmbeddedDefaults } from '../../support/embedded.ts';
import { httpEvent, lambdaContext } from '../../support/events.ts';
import { expectProblem, jsonBody } from '../../support/http.ts';

useEmbeddedDefaults();

interface IssuedKey {
  key: string;
  keyId: string;
  name: string;
  createdAt: string;
}

let ada: Record<string, string>;

beforeEach(async () => {
  ada = await authHeaders('viewer', 'ada');
});

async function createApiKey(
  body: unknown,
  options: { headers?: Record<string, string>; contentType?: string; query?: Record<string, string> } = {},
) {
  const event = httpEvent({
    method: 'POST',
    path: '/api-keys',
    body: typeof body === 'string' ? body : JSON.stringify(body),
    headers: { 'content-type': options.contentType ?? 'application/json', ...(options.headers ?? ada) },
  });
  if (options.query) event.queryStringParameters = options.query;
  return handler(event, lambdaContext(httpFunctions.createApiKey));
}

const keysOfAda = async () => (await apiKeyStore().listByOwner('ada', { limit: 100 })).keys;

describe('POST /api-keys', () => {
  it('refuses a caller without credentials with 401 and makes no key', async () => {
    expectProblem(await createApiKey({ name: 'ci' }, { headers: {} }), 401);

    expect(await keysOfAda()).toEqual([]);
  });

  it('refuses a caller who authenticated with an API key with 403, and makes no key', async () => {
    const { key } = await issueApiKey(apiKeyStore(), { owner: 'ada', name: 'first' }, new Date());

    const problem = expectProblem(await createApiKey({ name: 'second' }, { headers: { 'x-api-key': key } }), 403);

    expect(problem.detail).toMatch(/use a bearer token to create keys/);
    expect((await keysOfAda()).map((summary) => summary.name)).toEqual(['first']);
  });

  it('refuses a key past the per-account limit with 409, and makes no key', async () => {
    vi.stubEnv('API_KEYS_PER_USER', '2');
    resetConfig();
    await createApiKey({ name: 'one' });
    await createApiKey({ name: 'two' });

    const problem = expectProblem(await createApiKey({ name: 'three' }), 409);

    expect(problem.detail).toMatch(/2 active API keys/);
    expect((await keysOfAda()).map((summary) => summary.name)).toEqual(['one', 'two']);
  });

  it('makes a key again once one under the limit is revoked', async () => {
    vi.stubEnv('API_KEYS_PER_USER', '1');
    resetConfig();
    const first = jsonBody(await createApiKey({ name: 'one' })) as IssuedKey;
    await apiKeyStore().revoke(first.keyId, 'ada', new Date());

    const result = await createApiKey({ name: 'two' });

    expect(result.statusCode).toBe(201);
  });

  it('issues a key with 201, shown in full with its id, name and creation time', async () => {
    const result = await createApiKey({ name: 'ci' });

    expect(result.statusCode).toBe(201);
    const body = jsonBody(result) as IssuedKey;
    expect(Object.keys(body).sort()).toEqual(['createdAt', 'key', 'keyId', 'name']);
    expect(body.key).toMatch(/^mcp_[A-Za-z0-9_-]{43}$/);
    expect(body.name).toBe('ci');
    expect(result.headers.location).toBe(`/api-keys/${body.keyId}`);
  });

  it('forbids caches to keep the key', async () => {
    expect((await createApiKey({ name: 'ci' })).headers['cache-control']).toBe('no-store');
  });

  it("stores the key as its owner's, by hash only", async () => {
    const { key, keyId } = jsonBody(await createApiKey({ name: 'ci' })) as IssuedKey;

    const stored = await apiKeyStore().findByHash(hashApiKey(key));
    expect(stored).toMatchObject({ keyId, owner: 'ada', name: 'ci' });
    expect(JSON.stringify(stored)).not.toContain(key);
  });

  it('issues a key that authenticates its owner', async () => {
    const { key } = jsonBody(await createApiKey({ name: 'ci' })) as IssuedKey;

    const result = await listApiKeys(
      httpEvent({ method: 'GET', path: '/api-keys', headers: { 'x-api-key': key } }),
      lambdaContext(httpFunctions.listApiKeys),
    );

    expect(result.statusCode).toBe(200);
  });

  it('issues a different key each time', async () => {
    const first = jsonBody(await createApiKey({ name: 'ci' })) as IssuedKey;
    const second = jsonBody(await createApiKey({ name: 'ci' })) as IssuedKey;

    expect(second.key).not.toBe(first.key);
    expect(second.keyId).not.toBe(first.keyId);
  });

  it('records the creation with the key id and the owner as actor, never the key', async () => {
    const { key, keyId } = jsonBody(await createApiKey({ name: 'ci' })) as IssuedKey;

    const { entries } = await auditLog().query({ limit: 10 });
    expect(entries).toEqual([
      expect.objectContaining({
        action: 'api-key.create',
        resourceType: 'api-key',
        resourceId: keyId,
        actor: 'ada',
        outcome: 'success',
        status: 201,
      }) as unknown,
    ]);
    expect(JSON.stringify(entries)).not.toContain(key);
    expect(JSON.stringify(entries)).not.toContain(hashApiKey(key));
  });

  it('trims the name', async () => {
    expect(jsonBody(await createApiKey({ name: '  ci  ' }))).toMatchObject({ name: 'ci' });
  });

  it.each([
    ['no name', {}],
    ['a blank name', { name: '   ' }],
    ['a name over 100 characters', { name: 'n'.repeat(101) }],
    ['a name that is not a string', { name: 7 }],
  ])('refuses %s', async (_case, body) => {
    const problem = expectProblem(await createApiKey(body), 400);

    expect(problem.errors?.[0]?.field).toBe('name');
    expect(await keysOfAda()).toEqual([]);
  });

  it('refuses an unknown field', async () => {
    const problem = expectProblem(await createApiKey({ name: 'ci', owner: 'root' }), 400);

    expect(problem.errors?.[0]?.message).toMatch(/owner/);
    expect(await keysOfAda()).toEqual([]);
  });

  it('refuses a body that is not JSON with 415', async () => {
    expectProblem(await createApiKey('name=ci', { contentType: 'application/x-www-form-urlencoded' }), 415);
  });

  it('refuses a body over the size limit with 413', async () => {
    expectProblem(await createApiKey({ name: 'ci', pad: 'x'.repeat(API_KEY_BODY_MAX_BYTES) }), 413);
  });

  it('refuses a query parameter, which this route does not take', async () => {
    expectProblem(await createApiKey({ name: 'ci' }, { query: { owner: 'root' } }), 400);
  });
});
