import { beforeEach, describe, expect, it } from 'vitest';
import { handler } from '#functions/http/revoke-api-key';
import { handler as listApiKeys } from '#functions/http/list-api-keys';
import { httpFunctions } from '#functions/manifest';
import { issueApiKey } from '#shared/auth/api-keys';
import { auditLog } from '#shared/container/audit';
import { apiKeyStore } from '#shared/container/identity';
import { authHeaders } from '../../support/auth.ts';
import { useEmbeddedDefaults } from '../../support/embedded.ts';
import { httpEvent, lambdaContext } from '../../support/events.ts';
import { expectProblem } from '../../support/http.ts';

useEmbeddedDefaults();

let ada: Record<string, string>;

beforeEach(async () => {
  ada = await authHeaders('editor', 'ada');
  await authHeaders('viewer', 'grace');
});

async function revoke(keyId: string, headers: Record<string, string> = ada, query?: Record<string, string>) {
  const event = httpEvent({
    method: 'DELETE',
    path: `/api-keys/${keyId}`,
    routeKey: 'DELETE /api-keys/{keyId}',
    pathParameters: { keyId },
    headers,
  });
  if (query) event.queryStringParameters = query;
  return handler(event, lambdaContext(httpFunctions.revokeApiKey));
}

const issue = (owner: string, name = 'ci') => issueApiKey(apiKeyStore(), { owner, name }, new Date());
const revokedAt = async (owner: string, keyId: string) =>
  (await apiKeyStore().listByOwner(owner, { limit: 100 })).keys.find((summary) => summary.keyId === keyId)?.revokedAt;

describe('DELETE /api-keys/{keyId}', () => {
  it('refuses a caller without credentials with 401 and revokes nothing', async () => {
    const { summary } = await issue('ada');

    expectProblem(await revoke(summary.keyId, {}), 401);

    expect(await revokedAt('ada', summary.keyId)).toBeUndefined();
  });

  it("revokes one of the caller's keys with 204 and no body", async () => {
    const { summary } = await issue('ada');

    const result = await revoke(summary.keyId);

    expect(result.statusCode).toBe(204);
    expect(result.body ?? '').toBe('');
    expect(await revokedAt('ada', summary.keyId)).toEqual(expect.any(String));
  });

  it('makes the revoked key fail authentication with 401', async () => {
    const { key, summary } = await issue('ada');
    await revoke(summary.keyId);

    const result = await listApiKeys(
      httpEvent({ method: 'GET', path: '/api-keys', headers: { 'x-api-key': key } }),
      lambdaContext(httpFunctions.listApiKeys),
    );

    expectProblem(result, 401);
  });

  it("answers 404 for another user's key, and leaves it alone", async () => {
    const { summary } = await issue('grace');

    expectProblem(await revoke(summary.keyId), 404);

    expect(await revokedAt('grace', summary.keyId)).toBeUndefined();
  });

  it('answers 404 for an unknown key id', async () => {
    expectProblem(await revoke('AAAAAAAAAAAAAAAA'), 404);
  });

  it('answers a second revocation of the same key with 204 again', async () => {
    const { summary } = await issue('ada');
    await revoke(summary.keyId);

    expect((await revoke(summary.keyId)).statusCode).toBe(204);
  });

  it('lets a key revoke itself', async () => {
    const { key, summary } = await issue('ada', 'ci');

    expect((await revoke(summary.keyId, { 'x-api-key': key })).statusCode).toBe(204);
    expect(await revokedAt('ada', summary.keyId)).toEqual(expect.any(String));
  });

  it("refuses a key that revokes another of its owner's keys with 403, and revokes nothing", async () => {
    const { key } = await issue('ada', 'ci');
    const { summary } = await issue('ada', 'laptop');

    const problem = expectProblem(await revoke(summary.keyId, { 'x-api-key': key }), 403);

    expect(problem.detail).toMatch(/only itself/);
    expect(await revokedAt('ada', summary.keyId)).toBeUndefined();
  });

  it("refuses an admin's key that revokes another user's key with 403", async () => {
    await authHeaders('admin', 'root');
    const { key } = await issue('root', 'ci');
    const { summary } = await issue('grace');

    expectProblem(await revoke(summary.keyId, { 'x-api-key': key }, { owner: 'grace' }), 403);

    expect(await revokedAt('grace', summary.keyId)).toBeUndefined();
  });

  it("lets an admin revoke another user's key by naming the owner", async () => {
    const { summary } = await issue('grace');

    const result = await revoke(summary.keyId, await authHeaders('admin'), { owner: 'grace' });

    expect(result.statusCode).toBe(204);
    expect(await revokedAt('grace', summary.keyId)).toEqual(expect.any(String));
  });

  it('refuses a non-admin who names another owner with 403, and revokes nothing', async () => {
    const { summary } = await issue('grace');

    expectProblem(await revoke(summary.keyId, ada, { owner: 'grace' }), 403);

    expect(await revokedAt('grace', summary.keyId)).toBeUndefined();
  });

  it('records the revocation with the key id and owner', async () => {
    const { summary } = await issue('ada');

    await revoke(summary.keyId);

    const { entries } = await auditLog().query({ limit: 10 });
    expect(entries).toEqual([
      expect.objectContaining({
        action: 'api-key.revoke',
        resourceType: 'api-key',
        resourceId: summary.keyId,
        actor: 'ada',
        outcome: 'success',
        status: 204,
        details: { owner: 'ada' },
      }) as unknown,
    ]);
  });

  it.each(['short', 'AAAAAAAAAAAAAAAAA', 'AAAAAAAA/AAAAAAA', '%00AAAAAAAAAAAAA'])(
    'refuses the key id %s with 400',
    async (keyId) => {
      const problem = expectProblem(await revoke(keyId), 400);

      expect(problem.detail).toMatch(/API key id/);
    },
  );

  it('refuses an unknown parameter', async () => {
    const { summary } = await issue('ada');

    expectProblem(await revoke(summary.keyId, ada, { force: 'true' }), 400);

    expect(await revokedAt('ada', summary.keyId)).toBeUndefined();
  });
});
