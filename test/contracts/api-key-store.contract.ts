import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiKeyRecord } from '#shared/domain/api-keys';
import { ConflictError } from '#shared/errors';
import type { ApiKeyStore } from '#shared/ports/api-key-store';
import { ACCEPTED_EDGE_TEXT } from '../support/accepted-text.ts';

/** Makes a fresh store for one test; an adapter without server resources needs no async work or cleanup. */
export type MakeApiKeyStore = () =>
  | { store: ApiKeyStore; cleanup?: () => void | Promise<void> }
  | Promise<{ store: ApiKeyStore; cleanup?: () => void | Promise<void> }>;

const start = new Date('2030-01-01T00:00:00.000Z');
const at = (minute: number) => new Date(start.getTime() + minute * 60_000);

function aKey(owner: string, minute = 0): Omit<ApiKeyRecord, 'lastUsedAt' | 'revokedAt'> {
  return {
    keyId: randomUUID().slice(0, 16),
    keyHash: randomUUID().replaceAll('-', '').repeat(2),
    owner,
    name: `key made at minute ${minute}`,
    createdAt: at(minute).toISOString(),
  };
}

/** The behaviour every ApiKeyStore adapter must share, run once per adapter. */
export function describeApiKeyStoreContract(adapterName: string, makeStore: MakeApiKeyStore): void {
  describe(`ApiKeyStore contract: ${adapterName}`, () => {
    let store: ApiKeyStore;
    let cleanup: (() => void | Promise<void>) | undefined;

    beforeEach(async () => {
      ({ store, cleanup } = await makeStore());
    });

    afterEach(async () => {
      await cleanup?.();
    });

    async function createdKey(owner = 'ada', minute = 0) {
      const key = aKey(owner, minute);
      await store.create(key);
      return key;
    }

    it('finds a created key by its hash', async () => {
      // Prepare
      const key = aKey('ada');

      // Act
      await store.create(key);

      // Assess
      expect(await store.findByHash(key.keyHash)).toEqual(key);
    });

    it('returns a key name with every character the text rule accepts, unchanged', async () => {
      // Prepare
      const key = { ...aKey('ada'), name: ACCEPTED_EDGE_TEXT };

      // Act
      await store.create(key);

      // Assess
      expect(await store.findByHash(key.keyHash)).toEqual(key);
      expect((await store.listByOwner('ada')).map((summary) => summary.name)).toEqual([ACCEPTED_EDGE_TEXT]);
    });

    it('refuses a second key with the same hash with ConflictError', async () => {
      // Prepare
      const key = await createdKey();

      // Act
      const second = store.create({ ...aKey('mallory'), keyHash: key.keyHash });

      // Assess
      await expect(second).rejects.toThrow(ConflictError);
      expect(await store.findByHash(key.keyHash)).toEqual(key);
    });

    it('returns undefined for an unknown hash', async () => {
      // Act
      const key = await store.findByHash('0'.repeat(64));

      // Assess
      expect(key).toBeUndefined();
    });

    it("lists only the owner's keys, oldest first, without their hashes", async () => {
      // Prepare
      const second = await createdKey('ada', 2);
      const first = await createdKey('ada', 1);
      await createdKey('bob', 3);

      // Act
      const listed = await store.listByOwner('ada');

      // Assess
      expect(listed.map((key) => key.keyId)).toEqual([first.keyId, second.keyId]);
      for (const key of listed) expect(key).not.toHaveProperty('keyHash');
      expect(listed[0]).toEqual({ keyId: first.keyId, owner: 'ada', name: first.name, createdAt: first.createdAt });
    });

    it('returns no keys for an owner without any', async () => {
      // Act
      const listed = await store.listByOwner('nobody');

      // Assess
      expect(listed).toEqual([]);
    });

    it('revokes a key so that it is found with its revocation time', async () => {
      // Prepare
      const key = await createdKey();

      // Act
      const revoked = await store.revoke(key.keyId, 'ada', at(5));

      // Assess
      expect(revoked).toBe(true);
      expect(await store.findByHash(key.keyHash)).toEqual({ ...key, revokedAt: at(5).toISOString() });
      expect((await store.listByOwner('ada'))[0]?.revokedAt).toBe(at(5).toISOString());
    });

    it('keeps the first revocation time when a key is revoked twice', async () => {
      // Prepare
      const key = await createdKey();
      await store.revoke(key.keyId, 'ada', at(5));

      // Act
      const again = await store.revoke(key.keyId, 'ada', at(9));

      // Assess
      expect(again).toBe(true);
      expect((await store.findByHash(key.keyHash))?.revokedAt).toBe(at(5).toISOString());
    });

    it("does not revoke another owner's key", async () => {
      // Prepare
      const key = await createdKey('ada');

      // Act
      const revoked = await store.revoke(key.keyId, 'mallory', at(5));

      // Assess
      expect(revoked).toBe(false);
      expect((await store.findByHash(key.keyHash))?.revokedAt).toBeUndefined();
    });

    it('answers false when revoking an unknown key', async () => {
      // Act
      const revoked = await store.revoke('no-such-key', 'ada', at(5));

      // Assess
      expect(revoked).toBe(false);
    });

    it('records the first use of a key', async () => {
      // Prepare
      const key = await createdKey();

      // Act
      await store.touch(key.keyHash, at(10), at(5));

      // Assess
      expect((await store.findByHash(key.keyHash))?.lastUsedAt).toBe(at(10).toISOString());
    });

    it('leaves a last use that is more recent than the stale limit', async () => {
      // Prepare
      const key = await createdKey();
      await store.touch(key.keyHash, at(10), at(5));

      // Act
      await store.touch(key.keyHash, at(12), at(7));

      // Assess
      expect((await store.findByHash(key.keyHash))?.lastUsedAt).toBe(at(10).toISOString());
    });

    it('replaces a last use older than the stale limit', async () => {
      // Prepare
      const key = await createdKey();
      await store.touch(key.keyHash, at(10), at(5));

      // Act
      await store.touch(key.keyHash, at(16), at(11));

      // Assess
      expect((await store.findByHash(key.keyHash))?.lastUsedAt).toBe(at(16).toISOString());
    });

    it('creates nothing when an unknown key is touched', async () => {
      // Prepare
      const unknownHash = 'f'.repeat(64);

      // Act
      await store.touch(unknownHash, at(10), at(5));

      // Assess
      expect(await store.findByHash(unknownHash)).toBeUndefined();
    });

    it('answers its health check as the api-keys component', async () => {
      // Act
      const check = store.check();

      // Assess
      await expect(check).resolves.toBeUndefined();
      expect(store.component).toBe('api-keys');
    });
  });
}
