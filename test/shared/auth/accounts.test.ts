import type { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openEmbeddedDatabase } from '#shared/adapters/embedded/database';
import { EmbeddedUserStore } from '#shared/adapters/embedded/user-store';
import { changeRole, createAccount, setAccountDisabled, verifyPasswordLogin } from '#shared/auth/accounts';
import { PasswordHasher } from '#shared/auth/passwords';
import { ConflictError, ForbiddenError, NotFoundError } from '#shared/errors';

const now = new Date('2030-01-01T00:00:00.000Z');
const passwords = new PasswordHasher({ cost: 4 });
const password = 'a long enough password';

let database: DatabaseSync;
let users: EmbeddedUserStore;

beforeEach(() => {
  database = openEmbeddedDatabase({ dataDir: '', inMemory: true });
  users = new EmbeddedUserStore({ database });
});

afterEach(() => {
  database.close();
});

describe('createAccount', () => {
  it('stores a bcrypt hash and returns the account without it', async () => {
    // Act
    const created = await createAccount(users, passwords, { username: 'ada', password, role: 'editor' }, now);

    // Assess
    expect(created).toEqual({
      username: 'ada',
      role: 'editor',
      disabled: false,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    });
    expect((await users.get('ada'))?.passwordHash).toMatch(/^\$2b\$04\$/);
  });

  it('refuses a taken username with ConflictError', async () => {
    // Prepare
    await createAccount(users, passwords, { username: 'ada', password, role: 'editor' }, now);

    // Act
    const again = createAccount(users, passwords, { username: 'ada', password, role: 'admin' }, now);

    // Assess
    await expect(again).rejects.toThrow(ConflictError);
  });
});

describe('changeRole and setAccountDisabled', () => {
  it("change another user's role", async () => {
    // Prepare
    await createAccount(users, passwords, { username: 'ada', password, role: 'viewer' }, now);

    // Act
    const changed = await changeRole(users, { actor: 'root', username: 'ada', role: 'editor' }, now);

    // Assess
    expect(changed.role).toBe('editor');
  });

  it('refuse to change your own role, so the last admin cannot lock everyone out', async () => {
    // Act
    const changed = changeRole(users, { actor: 'root', username: 'root', role: 'viewer' }, now);

    // Assess
    await expect(changed).rejects.toThrow(ForbiddenError);
  });

  it('refuse to disable your own account', async () => {
    // Act
    const disabled = setAccountDisabled(users, { actor: 'root', username: 'root', disabled: true }, now);

    // Assess
    await expect(disabled).rejects.toThrow(ForbiddenError);
  });

  it('answer NotFoundError for an unknown user', async () => {
    // Act
    const disabled = setAccountDisabled(users, { actor: 'root', username: 'ghost', disabled: true }, now);

    // Assess
    await expect(disabled).rejects.toThrow(NotFoundError);
  });
});

describe('verifyPasswordLogin', () => {
  it('returns the account for the right password, whatever the username case', async () => {
    // Prepare
    await createAccount(users, passwords, { username: 'ada', password, role: 'viewer' }, now);

    // Act
    const user = await verifyPasswordLogin(users, passwords, { username: 'ADA', password });

    // Assess
    expect(user?.username).toBe('ada');
  });

  it('returns undefined for a wrong password', async () => {
    // Prepare
    await createAccount(users, passwords, { username: 'ada', password, role: 'viewer' }, now);

    // Act
    const user = await verifyPasswordLogin(users, passwords, { username: 'ada', password: 'wrong password!!' });

    // Assess
    expect(user).toBeUndefined();
  });

  it('returns undefined for a disabled account even with the right password', async () => {
    // Prepare
    await createAccount(users, passwords, { username: 'ada', password, role: 'viewer' }, now);
    await users.setDisabled('ada', true, now);

    // Act
    const user = await verifyPasswordLogin(users, passwords, { username: 'ada', password });

    // Assess
    expect(user).toBeUndefined();
  });

  it.each(['ghost', 'not a valid username!'])(
    'does the same bcrypt work for an unknown user (%s)',
    async (username) => {
      // Prepare
      const verify = vi.spyOn(passwords, 'verify');

      // Act
      const user = await verifyPasswordLogin(users, passwords, { username, password });

      // Assess
      expect(user).toBeUndefined();
      expect(verify).toHaveBeenCalledExactlyOnceWith(password, undefined);
      verify.mockRestore();
    },
  );
});
