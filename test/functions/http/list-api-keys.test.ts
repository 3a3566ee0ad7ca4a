import { beforeEach, describe, expect, it } from 'vitest';
import { handler } from '#functions/http/list-api-keys';
import { httpFunctions } from '#functions/manifest';
import { issueApiKey } from '#shared/auth/api-keys';
import { apiKeyStore } from '#shared/container/identity';
import type { ApiKeySummary } from '#shared/domain/api-keys';
import { authHeaders } from '../../support/auth.ts';
import { useEmbeddedDefaults } from '../../support/embedded.ts';
import { httpEvent, lambdaContext } from '../../support/events.ts';
import { expectProblem, jsonBody } from '../../support/http.ts';

useEmbeddedDefaults();

let ada: Record<string, string>;

beforeEach(async () => {
  ada = await authHeaders('editor', 'ada');
});

async function listApiKeys(headers: Record<string, string> = ada, query?: Record<string, string>) {
  const event = httpEvent({ method: 'GET', path: '/api-keys', headers });
  if (query) event.queryStringParameters = query;
  return handler(event, lambdaContext(httpFunctions.listApiKeys));
}

const issue = (owner: string, name: string) => issueApiKey(apiKeyStore(), { owner, name }, new Date());
const names = (result: Awaited<ReturnType<typeof listApiKeys>>) =>
  (jsonBody(result) as { items: ApiKeySummary[] }).items.map((summary) => summary.name);

describe('GET /api-keys', () => {
  it('refuses a caller without credentials with 401', async () => {
    expectProblem(await listApiKeys({}), 401);
  });

  it("lists the caller's keys and nobody else's", async () => {
    await issue('ada', 'ci');
    await issue('ada', 'laptop');
    await issue('grace', 'hers');

    const result = await listApiKeys();

    expect(result.statusCode).toBe(200);
    expect(names(result).sort()).toEqual(['ci', 'laptop']);
  });

  it('shows neither the keys nor their hashes', async () => {
    const { key } = await issue('ada', 'ci');

    const result = await listApiKeys();

    expect(String(result.body)).not.toContain(key);
    expect(String(result.body)).not.toContain('keyHash');
    expect((jsonBody(result) as { items: object[] }).items[0]).toMatchObject({ owner: 'ada', name: 'ci' });
  });

  it('keeps key lists out of caches', async () => {
    expect((await listApiKeys()).headers['cache-control']).toBe('no-store');
  });

  it('shows revoked keys with their revocation time', async () => {
    const { summary } = await issue('ada', 'old');
    await apiKeyStore().revoke(summary.keyId, 'ada', new Date());

    const { items } = jsonBody(await listApiKeys()) as { items: ApiKeySummary[] };

    expect(items[0]?.revokedAt).toEqual(expect.any(String));
  });

  it('answers a caller who authenticated with an API key', async () => {
    const { key } = await issue('ada', 'ci');

    const result = await listApiKeys({ 'x-api-key': key });

    expect(names(result)).toEqual(['ci']);
  });

  it("lets an admin list another user's keys", async () => {
    await issue('ada', 'ci');

    const result = await listApiKeys(await authHeaders('admin'), { owner: 'ada' });

    expect(names(result)).toEqual(['ci']);
  });

  it("refuses a non-admin who asks for another user's keys with 403", async () => {
    await authHeaders('viewer', 'grace');

    expectProblem(await listApiKeys(ada, { owner: 'grace' }), 403);
  });

  it('lets a non-admin name themselves as owner', async () => {
    await issue('ada', 'ci');

    expect(names(await listApiKeys(ada, { owner: 'ada' }))).toEqual(['ci']);
  });

  it('answers an admin who names an unknown owner with 404', async () => {
    expectProblem(await listApiKeys(await authHeaders('admin'), { owner: 'nobody' }), 404);
  });

  it('refuses an owner that cannot be a username with 400', async () => {
    const problem = expectProblem(await listApiKeys(ada, { owner: 'a,b' }), 400);

    expect(problem.errors?.[0]?.field).toBe('owner');
  });

  it('refuses an unknown parameter', async () => {
    const problem = expectProblem(await listApiKeys(ada, { user: 'ada' }), 400);

    expect(problem.errors?.[0]?.message).toMatch(/user/);
  });

  it('pages through the keys with limit and cursor, each key once', async () => {
    for (const name of ['a', 'b', 'c', 'd', 'e']) await issue('ada', name);

    const first = jsonBody(await listApiKeys(ada, { limit: '2' })) as { items: ApiKeySummary[]; nextCursor?: string };
    const seen = first.items.map((summary) => summary.name);
    let cursor = first.nextCursor;
    while (cursor !== undefined) {
      const page = jsonBody(await listApiKeys(ada, { limit: '2', cursor })) as {
        items: ApiKeySummary[];
        nextCursor?: string;
      };
      seen.push(...page.items.map((summary) => summary.name));
      cursor = page.nextCursor;
    }

    expect(first.items).toHaveLength(2);
    expect(seen.sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it("refuses the cursor of another owner's list with 400", async () => {
    await authHeaders('viewer', 'grace');
    await issue('grace', 'one');
    await issue('grace', 'two');
    const admin = await authHeaders('admin');
    const { nextCursor } = jsonBody(await listApiKeys(admin, { owner: 'grace', limit: '1' })) as { nextCursor: string };
    expect(nextCursor).toEqual(expect.any(String));

    const problem = expectProblem(await listApiKeys(ada, { cursor: nextCursor }), 400);

    expect(problem.errors?.[0]?.field).toBe('cursor');
  });

  it.each([
    ['a limit of 0', { limit: '0' }, 'limit'],
    ['a limit over 100', { limit: '101' }, 'limit'],
    ['a limit that is not a number', { limit: 'ten' }, 'limit'],
    ['a cursor that is not one', { cursor: 'not-a-cursor' }, 'cursor'],
    ['an empty cursor', { cursor: '' }, 'cursor'],
  ])('refuses %s with 400', async (_case, query, field) => {
    const problem = expectProblem(await listApiKeys(ada, query), 400);

    expect(problem.errors?.[0]?.field).toBe(field);
  });
});
