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
export async function authHeaders(
  role: Role,
  username = `${role}-${randomUUID().slice(0, 8)}`,
): Promise<Record<string, string>> {
  const settings = config();
  await ensureSigningKeys(secretStore(), { secretId: settings.tokens.signingKeysSecretId, now: new Date() });
  const at = new Date().toISOString();
  await userStore().create({
    username,
    role,
    passwordHash: '$2b$04$placeholder',
    disabled: false,
    createdAt: at,
    updatedAt: at,
  });
  const token = await issueAccessToken({ username, role }, await signingKeys(), settings.tokens);
  return { authorization: `Bearer ${token}` };
}
