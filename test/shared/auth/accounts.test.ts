import { createHmac } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import bcrypt from 'bcryptjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openEmbeddedDatabase } from '#shared/adapters/embedded/database';
import { EmbeddedUserStore } from '#shared/adapters/embedded/user-store';
import { changeRole, createAccount, setAccountDisabled, verifyPasswordLogin } from '#shared/auth/accounts';
import { PasswordHasher } from '#shared/auth/passwords';
import { ConflictError, ForbiddenError, NotFoundError } from '#shared/errors';
import { newUser } from '#shared/domain/users';

const now = new Date('2030-01-01T00:00:00.000Z');
const passwords = new PasswordHasher({ cost: 4 });
const password = 'a long enough password';

/** A hash as stored before scrypt: bcrypt over an HMAC-SHA256 pre-hash. */
function legacyBcryptHash(plain: string): string {
  const prehash = createHmac('sha256', 'yggdrasil/password/v1').update(plain, 'utf8').digest('base64');
  return bcrypt.hashSync(prehash, 4);
}

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
  it('stores a scrypt hash and returns the account without it', async () => {
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
    expect((await users.get('ada'))?.passwordHash).toMatch(/^\$scrypt\$ln=4,/);
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

  it('replaces a bcrypt hash made before scrypt with a scrypt hash at the next login', async () => {
    // Prepare
    const legacy = legacyBcryptHash(password);
    await users.create(newUser({ username: 'ada', role: 'viewer', passwordHash: legacy }, now));

    // Act
    const user = await verifyPasswordLogin(users, passwords, { username: 'ada', password }, now);

    // Assess
    expect(user?.username).toBe('ada');
    const stored = (await users.get('ada'))?.passwordHash ?? '';
    expect(stored).toMatch(/^\$scrypt\$/);
    expect(await passwords.verify(password, stored)).toBe(true);
  });

  it('keeps the stored hash when a login fails', async () => {
    // Prepare
    const legacy = legacyBcryptHash(password);
    await users.create(newUser({ username: 'ada', role: 'viewer', passwordHash: legacy }, now));

    // Act
    await verifyPasswordLogin(users, passwords, { username: 'ada', password: 'wrong password!!' }, now);

    // Assess
    expect((await users.get('ada'))?.passwordHash).toBe(legacy);
  });

  it.each(['ghost', 'not a valid username!'])(
    'does the same hashing work for an unknown user (%s)',
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
