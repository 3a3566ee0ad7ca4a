import { config } from '#shared/config';
import { ensureFirstAdmin, firstAdminFromSecret, type FirstAdminOutcome } from '#shared/auth/first-admin';
import { ensureSigningKeys } from '#shared/auth/signing-keys';
import { graphStore } from './graph.ts';
import { userStore } from './identity.ts';
import { passwordHasher } from './passwords.ts';
import { secretStore } from './secrets.ts';

/**
 * What a fresh installation needs before it can answer: graph constraints and indexes, the JWT key ring
 * and the first admin. Every step is idempotent; the local runtime runs it at each start.
 */
export async function bootstrap(now = new Date()): Promise<{ firstAdmin: FirstAdminOutcome }> {
  await (await graphStore()).migrate();
  await ensureSigningKeys(secretStore(), { secretId: config().tokens.signingKeysSecretId, now });
  return { firstAdmin: await ensureConfiguredFirstAdmin(now) };
}

/** Creates the first admin the configuration names (variables, a secret, or a generated password), once. */
export async function ensureConfiguredFirstAdmin(now = new Date()): Promise<FirstAdminOutcome> {
  const source = config().firstAdmin;
  const credentials =
    source.kind === 'generate'
      ? ('generate' as const)
      : source.kind === 'secret'
        ? await firstAdminFromSecret(secretStore(), source.secretId)
        : { username: source.username, password: source.password };
  return ensureFirstAdmin(userStore(), passwordHasher(), credentials, now);
}
