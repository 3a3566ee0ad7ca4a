import { createHash } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EmbeddedApiKeyStore } from '#shared/adapters/embedded/api-key-store';
import { openEmbeddedDatabase } from '#shared/adapters/embedded/database';
import { hashApiKey, issueApiKey, looksLikeApiKey, revokeApiKey } from '#shared/auth/api-keys';
import { NotFoundError } from '#shared/errors';

const now = new Date('2030-01-01T00:00:00.000Z');

let database: DatabaseSync;
let store: EmbeddedApiKeyStore;

beforeEach(() => {
  database = openEmbeddedDatabase({ dataDir: '', inMemory: true });
  store = new EmbeddedApiKeyStore({ database });
});

afterEach(() => {
  database.close();
});

describe('issueApiKey', () => {
  it('makes mcp_ and 32 random bytes in base64url', async () => {
    // Act
    const { key } = await issueApiKey(store, { owner: 'ada', name: 'ci' }, now);

    // Assess
    expect(key).toMatch(/^mcp_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(key.slice(4), 'base64url')).toHaveLength(32);
    expect(looksLikeApiKey(key)).toBe(true);
  });

  it('makes a different key each time', async () => {
    // Act
    const first = await issueApiKey(store, { owner: 'ada', name: 'one' }, now);
    const second = await issueApiKey(store, { owner: 'ada', name: 'two' }, now);

    // Assess
    expect(first.key).not.toBe(second.key);
    expect(first.summary.keyId).not.toBe(second.summary.keyId);
  });

  it('stores the SHA-256 of the key and never the key itself', async () => {
    // Act
    const { key, summary } = await issueApiKey(store, { owner: 'ada', name: 'ci' }, now);

    // Assess
    const rows = database.prepare('SELECT * FROM api_keys').all();
    expect(rows).toHaveLength(1);
    const stored = JSON.stringify(rows);
    expect(stored).not.toContain(key);
    expect(stored).not.toContain(key.slice(4));
    expect(await store.findByHash(createHash('sha256').update(key).digest('hex'))).toMatchObject({
      keyId: summary.keyId,
      owner: 'ada',
    });
  });

  it('returns a summary that holds neither the key nor its hash', async () => {
    // Act
    const { key, summary } = await issueApiKey(store, { owner: 'ada', name: 'ci' }, now);

    // Assess
    expect(summary).toEqual({
      keyId: expect.any(String) as unknown,
      owner: 'ada',
      name: 'ci',
      createdAt: now.toISOString(),
    });
    expect(JSON.stringify(summary)).not.toContain(hashApiKey(key));
  });
});

describe('looksLikeApiKey', () => {
  it.each([
    ['no prefix', 'A'.repeat(47)],
    ['a short key', 'mcp_abc'],
    ['a long key', `mcp_${'A'.repeat(44)}`],
    ['characters outside base64url', `mcp_${'+'.repeat(43)}`],
  ])('refuses %s', (_case, value) => {
    // Act
    const plausible = looksLikeApiKey(value);

    // Assess
    expect(plausible).toBe(false);
  });
});

describe('revokeApiKey', () => {
  it('revokes one of the caller’s keys', async () => {
    // Prepare
    const { key, summary } = await issueApiKey(store, { owner: 'ada', name: 'ci' }, now);

    // Act
    await revokeApiKey(store, summary.keyId, 'ada', now);

    // Assess
    expect((await store.findByHash(hashApiKey(key)))?.revokedAt).toBe(now.toISOString());
  });

  it('answers NotFoundError for another owner’s key and leaves it working', async () => {
    // Prepare
    const { key, summary } = await issueApiKey(store, { owner: 'ada', name: 'ci' }, now);

    // Act
    const revoked = revokeApiKey(store, summary.keyId, 'mallory', now);

    // Assess
    await expect(revoked).rejects.toThrow(NotFoundError);
    expect((await store.findByHash(hashApiKey(key)))?.revokedAt).toBeUndefined();
  });
});
