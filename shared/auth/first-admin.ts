import { randomBytes } from 'node:crypto';
import * as z from 'zod/mini';
import { newUser, passwordSchema, usernameSchema } from '#shared/domain/users';
import { ConflictError } from '#shared/errors';
import type { SecretStore } from '#shared/ports/secret-store';
import type { UserStore } from '#shared/ports/user-store';
import type { PasswordHasher } from './passwords.ts';

export const GENERATED_ADMIN_USERNAME = 'admin';

/** Where the first admin's credentials come from: configured ones, or a password made at first start. */
export type FirstAdminSource = { readonly username: string; readonly password: string } | 'generate';

export interface FirstAdminOutcome {
  readonly username: string;
  readonly created: boolean;
  /** Set only when this call made the admin with a generated password: print it once, store it nowhere. */
  readonly generatedPassword?: string;
}

const credentialsSchema = z.object({ username: usernameSchema, password: passwordSchema });

/**
 * The first admin's credentials from a Secrets Manager secret holding `{"username","password"}`.
 * A malformed secret names what is wrong, never the values.
 */
export async function firstAdminFromSecret(
  secrets: SecretStore,
  secretId: string,
): Promise<{ username: string; password: string }> {
  const value = await secrets.get(secretId);
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw new Error(`Secret '${secretId}' must hold JSON {"username","password"}`);
  }
  const result = credentialsSchema.safeParse(parsed);
  if (!result.success) {
    const fields = result.error.issues.map((issue) => issue.path.join('.')).join(', ');
    throw new Error(`Secret '${secretId}' does not hold valid first-admin credentials (${fields})`);
  }
  return result.data;
}

/**
 * Creates the admin account unless a user of that name exists already (whatever its role or state: an
 * existing account is never overwritten). With 'generate', the password is random and returned once.
 *
 * @example
 * const outcome = await ensureFirstAdmin(users, passwords, 'generate', new Date());
 * if (outcome.generatedPassword) console.log(`admin password: ${outcome.generatedPassword}`);
 */
export async function ensureFirstAdmin(
  users: UserStore,
  passwords: PasswordHasher,
  source: FirstAdminSource,
  now: Date,
): Promise<FirstAdminOutcome> {
  const generated = source === 'generate';
  const credentials = generated
    ? { username: GENERATED_ADMIN_USERNAME, password: randomBytes(18).toString('base64url') }
    : checkedCredentials(source);
  if (await users.get(credentials.username)) return { username: credentials.username, created: false };
  try {
    await users.create(
      newUser(
        { username: credentials.username, role: 'admin', passwordHash: await passwords.hash(credentials.password) },
        now,
      ),
    );
  } catch (error) {
    // Another container made it first.
    if (error instanceof ConflictError) return { username: credentials.username, created: false };
    throw error;
  }
  return {
    username: credentials.username,
    created: true,
    ...(generated && { generatedPassword: credentials.password }),
  };
}

function checkedCredentials(source: { username: string; password: string }): { username: string; password: string } {
  const result = credentialsSchema.safeParse(source);
  if (!result.success) {
    const fields = result.error.issues.map((issue) => issue.path.join('.')).join(', ');
    throw new Error(`The first admin's configured credentials are not valid (${fields})`);
  }
  return result.data;
}
