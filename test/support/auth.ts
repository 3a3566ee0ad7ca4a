import { randomUUID } from 'node:crypto';
import { issueAccessToken } from '#shared/auth/tokens';
import { ensureSigningKeys } from '#shared/auth/signing-keys';
import { config } from '#shared/config';
import { signingKeys, userStore } from '#shared/container/identity';
import { secretStore } from '#shared/container/secrets';
import type { Role } from '#shared/domain/roles';

/**
 * Creates an account with `role` in the configured user store and returns headers with a valid bearer
 * token for it, as `POST /token` would issue. The password hash is a placeholder: these accounts never log in.
 */
// One key ring per secret store: concurrent first calls would otherwise each make and store their own.
const rings = new WeakMap<object, Promise<unknown>>();

export async function authHeaders(
  role: Role,
  username = `${role}-${randomUUID().slice(0, 8)}`,
): Promise<Record<string, string>> {
  const settings = config();
  const secrets = secretStore();
  let ring = rings.get(secrets);
  if (!ring) {
    ring = ensureSigningKeys(secrets, { secretId: settings.tokens.signingKeysSecretId, now: new Date() });
    rings.set(secrets, ring);
  }
  await ring;
  const at = new Date().toISOString();
  await userStore().create({
    username,
    role,
    passwordHash: '$2b$04$placeholder',
    disabled: false,
    createdAt: at,
    updatedAt: at,
    tokenVersion: 0,
    loginGeneration: 0,
  });
  const token = await issueAccessToken({ username, role }, await signingKeys(), settings.tokens);
  return { authorization: `Bearer ${token}` };
}
