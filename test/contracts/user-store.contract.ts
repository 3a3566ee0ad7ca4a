import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { User } from '#shared/domain/users';
import { ConflictError, ValidationError } from '#shared/errors';
import type { UserStore } from '#shared/ports/user-store';

/** Makes a fresh store for one test; an adapter without server resources needs no async work or cleanup. */
export type MakeUserStore = () =>
  | { store: UserStore; cleanup?: () => void | Promise<void> }
  | Promise<{ store: UserStore; cleanup?: () => void | Promise<void> }>;

const createdAt = new Date('2030-01-01T00:00:00.000Z');
const later = new Date('2030-01-02T00:00:00.000Z');

function aUser(username: string, overrides: Partial<User> = {}): User {
  return {
    username,
    role: 'viewer',
    passwordHash: '$2b$04$abcdefghijklmnopqrstuuMNOPQRSTUVWXYZabcdefghijklmnopq',
    disabled: false,
    createdAt: createdAt.toISOString(),
    updatedAt: createdAt.toISOString(),
    tokenVersion: 0,
    loginGeneration: 0,
    ...overrides,
  };
}

/** The behaviour every UserStore adapter must share, run once per adapter. */
export function describeUserStoreContract(adapterName: string, makeStore: MakeUserStore): void {
  describe(`UserStore contract: ${adapterName}`, () => {
    let store: UserStore;
    let cleanup: (() => void | Promise<void>) | undefined;

    beforeEach(async () => {
      ({ store, cleanup } = await makeStore());
    });

    afterEach(async () => {
      await cleanup?.();
    });

    it('returns a created user', async () => {
      // Prepare
      const user = aUser('ada');

      // Act
      await store.create(user);

      // Assess
      expect(await store.get('ada')).toEqual(user);
    });

    it('refuses a taken username with ConflictError and keeps the first user', async () => {
      // Prepare
      const first = aUser('ada');
      await store.create(first);

      // Act
      const second = store.create(aUser('ada', { role: 'admin', passwordHash: 'other' }));

      // Assess
      await expect(second).rejects.toThrow(ConflictError);
      expect(await store.get('ada')).toEqual(first);
    });

    it('returns undefined for an unknown user', async () => {
      // Act
      const user = await store.get('nobody');

      // Assess
      expect(user).toBeUndefined();
    });

    it('visits every user exactly once when following the page cursors', async () => {
      // Prepare
      const names = ['ada', 'bob', 'cy', 'dee', 'eve'];
      for (const name of names) await store.create(aUser(name));

      // Act
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await store.list({ limit: 2, ...(cursor !== undefined && { cursor }) });
        seen.push(...page.users.map((user) => user.username));
        cursor = page.cursor;
        pages += 1;
      } while (cursor !== undefined && pages < 10);

      // Assess
      expect(seen.toSorted()).toEqual(names);
    });

    it('returns at most the page size', async () => {
      // Prepare
      for (const name of ['ada', 'bob', 'cy']) await store.create(aUser(name));

      // Act
      const page = await store.list({ limit: 2 });

      // Assess
      expect(page.users).toHaveLength(2);
      expect(page.cursor).toEqual(expect.any(String));
    });

    it('returns every user and no cursor when they fit on one page', async () => {
      // Prepare
      for (const name of ['ada', 'bob']) await store.create(aUser(name));

      // Act
      const page = await store.list({ limit: 10 });

      // Assess
      expect(page.users.map((user) => user.username).toSorted()).toEqual(['ada', 'bob']);
      expect(page.cursor).toBeUndefined();
    });

    it.each([
      ['garbage', 'not a cursor'],
      ['base64 of other JSON', Buffer.from('{"username":"ada"}').toString('base64url')],
      ['empty position', Buffer.from('{"v":1,"q":"x","p":{}}').toString('base64url')],
    ])('refuses a malformed cursor (%s) with ValidationError', async (_case, cursor) => {
      // Act
      const listed = store.list({ limit: 2, cursor });

      // Assess
      await expect(listed).rejects.toThrow(ValidationError);
    });

    it('changes a role and stamps the change', async () => {
      // Prepare
      await store.create(aUser('ada'));

      // Act
      const changed = await store.setRole('ada', 'editor', later);

      // Assess
      expect(changed).toEqual(aUser('ada', { role: 'editor', updatedAt: later.toISOString(), tokenVersion: 1 }));
      expect(await store.get('ada')).toEqual(changed);
    });

    it('disables and re-enables a user', async () => {
      // Prepare
      await store.create(aUser('ada'));

      // Act
      const disabled = await store.setDisabled('ada', true, later);
      const enabled = await store.setDisabled('ada', false, later);

      // Assess
      expect(disabled).toMatchObject({ disabled: true, updatedAt: later.toISOString() });
      expect(enabled).toMatchObject({ disabled: false });
      expect(await store.get('ada')).toEqual(enabled);
    });

    it('raises the token version at a disable and again at the enable, never back', async () => {
      // Prepare
      await store.create(aUser('ada', { tokenVersion: 4 }));

      // Act
      const disabled = await store.setDisabled('ada', true, later);
      const enabled = await store.setDisabled('ada', false, later);

      // Assess
      expect([disabled?.tokenVersion, enabled?.tokenVersion]).toEqual([5, 6]);
    });

    it('raises the login generation and nothing else when login limits are reset', async () => {
      // Prepare
      await store.create(aUser('ada'));

      // Act
      const reset = await store.resetLoginLimits('ada', later);

      // Assess
      expect(reset).toEqual(aUser('ada', { loginGeneration: 1, updatedAt: later.toISOString() }));
      expect(await store.get('ada')).toEqual(reset);
    });

    it('returns undefined and creates nobody when an unknown user is changed', async () => {
      // Act
      const roleChanged = await store.setRole('nobody', 'admin', later);
      const disabled = await store.setDisabled('nobody', true, later);
      const reset = await store.resetLoginLimits('nobody', later);

      // Assess
      expect([roleChanged, disabled, reset]).toEqual([undefined, undefined, undefined]);
      expect(await store.get('nobody')).toBeUndefined();
    });

    it('replaces a password hash that is still the one it was read as', async () => {
      // Prepare
      await store.create(aUser('ada', { passwordHash: 'old-hash' }));

      // Act
      const replaced = await store.replacePasswordHash('ada', 'old-hash', 'new-hash', later);

      // Assess
      expect(replaced).toBe(true);
      expect(await store.get('ada')).toMatchObject({ passwordHash: 'new-hash', updatedAt: later.toISOString() });
    });

    it('keeps a password hash that changed since it was read', async () => {
      // Prepare
      await store.create(aUser('ada', { passwordHash: 'changed-meanwhile' }));

      // Act
      const replaced = await store.replacePasswordHash('ada', 'old-hash', 'new-hash', later);

      // Assess
      expect(replaced).toBe(false);
      expect(await store.get('ada')).toMatchObject({ passwordHash: 'changed-meanwhile' });
    });

    it('replaces nothing and creates nobody for an unknown user', async () => {
      // Act
      const replaced = await store.replacePasswordHash('nobody', 'old-hash', 'new-hash', later);

      // Assess
      expect(replaced).toBe(false);
      expect(await store.get('nobody')).toBeUndefined();
    });

    it('answers its health check as the users component', async () => {
      // Act
      const check = store.check();

      // Assess
      await expect(check).resolves.toBeUndefined();
      expect(store.component).toBe('users');
    });
  });
}
