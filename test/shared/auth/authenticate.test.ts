import type { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { EmbeddedApiKeyStore } from '#shared/adapters/embedded/api-key-store';
import { openEmbeddedDatabase } from '#shared/adapters/embedded/database';
import { EmbeddedUserStore } from '#shared/adapters/embedded/user-store';
import { ApiKeyUsage } from '#shared/auth/api-key-usage';
import { issueApiKey } from '#shared/auth/api-keys';
import { authenticate } from '#shared/auth/authenticate';
import type { AuthenticationDeps } from '#shared/auth/authenticate';
import { generateKeyRing, importKeyRing } from '#shared/auth/signing-keys';
import type { SigningKeys } from '#shared/auth/signing-keys';
import { issueAccessToken } from '#shared/auth/tokens';
import type { TokenSettings } from '#shared/auth/tokens';
import type { Role } from '#shared/domain/roles';
import { UnauthorizedError } from '#shared/errors';

const start = new Date('2030-01-01T00:00:00.000Z');
const tokens: TokenSettings = { issuer: 'yggdrasil', audience: 'yggdrasil-api', lifetimeSeconds: 1800 };

let keys: SigningKeys;
let database: DatabaseSync;
let users: EmbeddedUserStore;
let apiKeys: EmbeddedApiKeyStore;
let clock: Date;
let deps: AuthenticationDeps;

beforeAll(async () => {
  keys = importKeyRing(await generateKeyRing(start));
});

beforeEach(() => {
  database = openEmbeddedDatabase({ dataDir: '', inMemory: true });
  users = new EmbeddedUserStore({ database });
  apiKeys = new EmbeddedApiKeyStore({ database });
  clock = start;
  deps = {
    users,
    apiKeys,
    usage: new ApiKeyUsage(apiKeys, { intervalSeconds: 300 }),
    signingKeys: () => Promise.resolve(keys),
    tokens,
    now: () => clock,
  };
});

afterEach(() => {
  database.close();
});

async function anAccount(username: string, role: Role = 'editor', disabled = false): Promise<void> {
  const at = start.toISOString();
  await users.create({
    username,
    role,
    passwordHash: '$2b$04$unused',
    disabled,
    createdAt: at,
    updatedAt: at,
    tokenVersion: 0,
    loginGeneration: 0,
  });
}

async function tokenFor(username: string, role: Role = 'editor'): Promise<string> {
  return issueAccessToken({ username, role }, keys, tokens, start);
}

async function keyFor(owner: string): Promise<{ key: string; keyId: string }> {
  const { key, summary } = await issueApiKey(apiKeys, { owner, name: 'ci' }, start);
  return { key, keyId: summary.keyId };
}

describe('authenticate', () => {
  it('returns undefined when the request carries no credentials', async () => {
    // Act
    const principal = await authenticate({ accept: 'application/json' }, deps);

    // Assess
    expect(principal).toBeUndefined();
  });

  it('names the user of a valid bearer token', async () => {
    // Prepare
    await anAccount('ada', 'editor');

    // Act
    const principal = await authenticate({ authorization: `Bearer ${await tokenFor('ada')}` }, deps);

    // Assess
    expect(principal).toEqual({ kind: 'user', username: 'ada', role: 'editor' });
  });

  it('reads the scheme and header name case-insensitively', async () => {
    // Prepare
    await anAccount('ada');

    // Act
    const principal = await authenticate({ Authorization: `bearer ${await tokenFor('ada')}` }, deps);

    // Assess
    expect(principal?.username).toBe('ada');
  });

  it("refuses a token issued before the account's role changed", async () => {
    // Prepare
    await anAccount('ada', 'admin');
    const token = await tokenFor('ada', 'admin');
    await users.setRole('ada', 'viewer', start);

    // Act
    const principal = authenticate({ authorization: `Bearer ${token}` }, deps);

    // Assess
    await expect(principal).rejects.toThrow(/token revoked/);
  });

  it("rejects a disabled user's still-valid token", async () => {
    // Prepare
    await anAccount('ada');
    const token = await tokenFor('ada');
    await users.setDisabled('ada', true, start);

    // Act
    const principal = authenticate({ authorization: `Bearer ${token}` }, deps);

    // Assess
    await expect(principal).rejects.toThrow(UnauthorizedError);
  });

  it('keeps refusing a token issued before a disable once the account is enabled again', async () => {
    // Prepare
    await anAccount('ada');
    const token = await tokenFor('ada');
    await users.setDisabled('ada', true, start);
    await users.setDisabled('ada', false, start);

    // Act
    const principal = authenticate({ authorization: `Bearer ${token}` }, deps);

    // Assess
    await expect(principal).rejects.toThrow(/token revoked/);
  });

  it('accepts a token issued after the account was enabled again', async () => {
    // Prepare
    await anAccount('ada');
    await users.setDisabled('ada', true, start);
    const enabled = await users.setDisabled('ada', false, start);
    const token = await issueAccessToken(
      { username: 'ada', role: 'editor', tokenVersion: enabled?.tokenVersion },
      keys,
      tokens,
      start,
    );

    // Act
    const principal = await authenticate({ authorization: `Bearer ${token}` }, deps);

    // Assess
    expect(principal?.username).toBe('ada');
  });

  it("acts with an API key owner's current role after a role change", async () => {
    // Prepare
    await anAccount('ada', 'admin');
    const { key } = await keyFor('ada');
    await users.setRole('ada', 'viewer', start);

    // Act
    const principal = await authenticate({ 'x-api-key': key }, deps);

    // Assess
    expect(principal?.role).toBe('viewer');
  });

  it('rejects the token of a user who no longer exists', async () => {
    // Act
    const principal = authenticate({ authorization: `Bearer ${await tokenFor('ghost')}` }, deps);

    // Assess
    await expect(principal).rejects.toThrow(UnauthorizedError);
  });

  it('rejects an invalid token', async () => {
    // Prepare
    await anAccount('ada');
    clock = new Date(start.getTime() + 3600_000);

    // Act
    const principal = authenticate({ authorization: `Bearer ${await tokenFor('ada')}` }, deps);

    // Assess
    await expect(principal).rejects.toThrow(/expired/);
  });

  it.each(['Basic YWRhOnNlY3JldA==', 'Bearer', 'Bearer a b', ''])(
    'rejects an Authorization header that is not one bearer token (%s)',
    async (authorization) => {
      // Act
      const principal = authenticate({ authorization }, deps);

      // Assess
      await expect(principal).rejects.toThrow(UnauthorizedError);
    },
  );

  it('rejects a request that sends both a token and an API key', async () => {
    // Prepare
    await anAccount('ada');
    const { key } = await keyFor('ada');

    // Act
    const principal = authenticate({ authorization: `Bearer ${await tokenFor('ada')}`, 'x-api-key': key }, deps);

    // Assess
    await expect(principal).rejects.toThrow(/not both/);
  });

  it("names an API key's owner with the owner's role", async () => {
    // Prepare
    await anAccount('ada', 'viewer');
    const { key, keyId } = await keyFor('ada');

    // Act
    const principal = await authenticate({ 'x-api-key': key }, deps);

    // Assess
    expect(principal).toEqual({ kind: 'api-key', username: 'ada', role: 'viewer', keyId });
  });

  it('rejects a revoked API key', async () => {
    // Prepare
    await anAccount('ada');
    const { key, keyId } = await keyFor('ada');
    await apiKeys.revoke(keyId, 'ada', start);

    // Act
    const principal = authenticate({ 'x-api-key': key }, deps);

    // Assess
    await expect(principal).rejects.toThrow(UnauthorizedError);
  });

  it.each([
    ['an unknown key', `mcp_${'A'.repeat(43)}`],
    ['a malformed key', 'not-a-key'],
    ['an empty key', ''],
  ])('rejects %s', async (_case, key) => {
    // Act
    const principal = authenticate({ 'x-api-key': key }, deps);

    // Assess
    await expect(principal).rejects.toThrow(UnauthorizedError);
  });

  it('rejects the API key of a disabled user', async () => {
    // Prepare
    await anAccount('ada');
    const { key } = await keyFor('ada');
    await users.setDisabled('ada', true, start);

    // Act
    const principal = authenticate({ 'x-api-key': key }, deps);

    // Assess
    await expect(principal).rejects.toThrow(UnauthorizedError);
  });

  it('records when an API key was last used', async () => {
    // Prepare
    await anAccount('ada');
    const { key } = await keyFor('ada');

    // Act
    await authenticate({ 'x-api-key': key }, deps);

    // Assess
    expect((await apiKeys.listByOwner('ada', { limit: 10 })).keys[0]?.lastUsedAt).toBe(start.toISOString());
  });

  it('writes last-used at most once per five minutes however many requests a key makes', async () => {
    // Prepare
    await anAccount('ada');
    const { key } = await keyFor('ada');
    const touch = vi.spyOn(apiKeys, 'touch');

    // Act
    for (let second = 0; second < 600; second += 15) {
      clock = new Date(start.getTime() + second * 1000);
      await authenticate({ 'x-api-key': key }, deps);
    }

    // Assess
    expect(touch).toHaveBeenCalledTimes(2);
  });
});
