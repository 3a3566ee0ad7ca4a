import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiKeyRecord } from '#shared/domain/api-keys';
import { ConflictError, ValidationError } from '#shared/errors';
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
      expect((await store.listByOwner('ada', { limit: 10 })).keys.map((summary) => summary.name)).toEqual([
        ACCEPTED_EDGE_TEXT,
      ]);
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
      const listed = (await store.listByOwner('ada', { limit: 10 })).keys;

      // Assess
      expect(listed.map((key) => key.keyId)).toEqual([first.keyId, second.keyId]);
      for (const key of listed) expect(key).not.toHaveProperty('keyHash');
      expect(listed[0]).toEqual({ keyId: first.keyId, owner: 'ada', name: first.name, createdAt: first.createdAt });
    });

    it('returns no keys and no cursor for an owner without any', async () => {
      // Act
      const listed = await store.listByOwner('nobody', { limit: 10 });

      // Assess
      expect(listed).toEqual({ keys: [] });
    });

    it('visits every key once, in order, when following the page cursors, ties in time included', async () => {
      // Prepare
      const made = [];
      for (const minute of [3, 1, 1, 1, 2, 1, 4]) made.push(await createdKey('ada', minute));
      await createdKey('bob', 1);
      const expected = [...made].sort((a, b) =>
        a.createdAt === b.createdAt ? (a.keyId < b.keyId ? -1 : 1) : a.createdAt < b.createdAt ? -1 : 1,
      );

      // Act
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await store.listByOwner('ada', { limit: 2, cursor });
        expect(page.keys.length).toBeLessThanOrEqual(2);
        seen.push(...page.keys.map((key) => key.keyId));
        cursor = page.cursor;
        pages += 1;
      } while (cursor !== undefined && pages < 10);

      // Assess
      expect(seen).toEqual(expected.map((key) => key.keyId));
    });

    it("refuses a cursor issued for another owner's keys with ValidationError", async () => {
      // Prepare
      await createdKey('bob', 1);
      await createdKey('bob', 2);
      const { cursor } = await store.listByOwner('bob', { limit: 1 });

      // Act
      const listed = store.listByOwner('ada', { limit: 1, cursor });

      // Assess
      await expect(listed).rejects.toThrow(ValidationError);
    });

    it('counts only the keys that are not revoked', async () => {
      // Prepare
      const revoked = await createdKey('ada', 1);
      await createdKey('ada', 2);
      await createdKey('ada', 3);
      await createdKey('bob', 1);
      await store.revoke(revoked.keyId, 'ada', at(4));

      // Act
      const active = await store.countActive('ada');

      // Assess
      expect(active).toBe(2);
    });

    it('revokes a key so that it is found with its revocation time', async () => {
      // Prepare
      const key = await createdKey();

      // Act
      const revoked = await store.revoke(key.keyId, 'ada', at(5));

      // Assess
      expect(revoked).toBe(true);
      expect(await store.findByHash(key.keyHash)).toEqual({ ...key, revokedAt: at(5).toISOString() });
      expect((await store.listByOwner('ada', { limit: 10 })).keys[0]?.revokedAt).toBe(at(5).toISOString());
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
