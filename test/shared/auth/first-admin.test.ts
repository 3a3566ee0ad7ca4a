import type { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openEmbeddedDatabase } from '#shared/adapters/embedded/database';
import { EmbeddedSecretStore } from '#shared/adapters/embedded/secret-store';
import { EmbeddedUserStore } from '#shared/adapters/embedded/user-store';
import { ensureFirstAdmin, firstAdminFromSecret } from '#shared/auth/first-admin';
import { PasswordHasher } from '#shared/auth/passwords';

const now = new Date('2030-01-01T00:00:00.000Z');
const passwords = new PasswordHasher({ cost: 4 });
const configured = { username: 'Root.Admin', password: 'configured password 1' };

let database: DatabaseSync;
let users: EmbeddedUserStore;

beforeEach(() => {
  database = openEmbeddedDatabase({ dataDir: '', inMemory: true });
  users = new EmbeddedUserStore({ database });
});

afterEach(() => {
  database.close();
});

describe('ensureFirstAdmin', () => {
  it('creates the configured admin with a hash of the configured password', async () => {
    // Act
    const outcome = await ensureFirstAdmin(users, passwords, configured, now);

    // Assess
    expect(outcome).toEqual({ username: 'root.admin', created: true });
    const admin = await users.get('root.admin');
    expect(admin).toMatchObject({ role: 'admin', disabled: false });
    expect(await passwords.verify(configured.password, admin?.passwordHash)).toBe(true);
  });

  it('generates a 24-character password, returns it once and stores only its hash', async () => {
    // Act
    const outcome = await ensureFirstAdmin(users, passwords, 'generate', now);

    // Assess
    expect(outcome).toMatchObject({ username: 'admin', created: true });
    expect(outcome.generatedPassword).toMatch(/^[A-Za-z0-9_-]{24}$/);
    const stored = JSON.stringify(database.prepare('SELECT * FROM users').all());
    expect(stored).not.toContain(outcome.generatedPassword);
    expect(await passwords.verify(outcome.generatedPassword ?? '', (await users.get('admin'))?.passwordHash)).toBe(
      true,
    );
  });

  it('leaves an existing account as it is and reveals no password', async () => {
    // Prepare
    const first = await ensureFirstAdmin(users, passwords, 'generate', now);
    await users.setRole('admin', 'viewer', now);
    const before = await users.get('admin');

    // Act
    const second = await ensureFirstAdmin(users, passwords, 'generate', now);

    // Assess
    expect(first.created).toBe(true);
    expect(second).toEqual({ username: 'admin', created: false });
    expect(await users.get('admin')).toEqual(before);
  });

  it('refuses a configured password that is too short, without repeating it', async () => {
    // Act
    const ensured = ensureFirstAdmin(users, passwords, { username: 'root', password: 'hunter2' }, now);

    // Assess
    await expect(ensured).rejects.toThrow(/password/);
    await expect(ensured).rejects.not.toThrow(/hunter2/);
    expect(await users.get('root')).toBeUndefined();
  });
});

describe('firstAdminFromSecret', () => {
  it('reads the credentials from a JSON secret', async () => {
    // Prepare
    const secrets = new EmbeddedSecretStore({ database });
    await secrets.put('yggdrasil/first-admin', JSON.stringify(configured));

    // Act
    const credentials = await firstAdminFromSecret(secrets, 'yggdrasil/first-admin');

    // Assess
    expect(credentials).toEqual({ username: 'root.admin', password: configured.password });
  });

  it('refuses a secret that is not JSON, without repeating it', async () => {
    // Prepare
    const secrets = new EmbeddedSecretStore({ database });
    await secrets.put('yggdrasil/first-admin', 'root:swordfish-password');

    // Act
    const read = firstAdminFromSecret(secrets, 'yggdrasil/first-admin');

    // Assess
    await expect(read).rejects.toThrow(/must hold JSON/);
    await expect(read).rejects.not.toThrow(/swordfish/);
  });
});
