/**
 * Rotates the JWT signing keys in the configured secret store (Secrets Manager with SECRETS_BACKEND=
 * secrets-manager and JWT_SIGNING_KEYS_SECRET_ID, else the local embedded store):
 *
 *   npm run rotate-keys            retire the current key; tokens it signed stay valid for one lifetime
 *   npm run rotate-keys -- --force rotate even within one token lifetime of the last rotation (a leaked key)
 *
 * Containers pick the new ring up when their cached secret expires (SECRETS_CACHE_TTL_SECONDS); the ring's
 * `next` key is known to them all in advance, so no container rejects the tokens the others now sign.
 */
import { rotateSigningKeys } from '#shared/auth/signing-keys';
import { config } from '#shared/config';
import { closeContainer } from '#shared/container/lifecycle';
import { secretStore } from '#shared/container/secrets';

const force = process.argv.includes('--force');
try {
  const ring = await rotateSigningKeys(secretStore(), {
    secretId: config().tokens.signingKeysSecretId,
    now: new Date(),
    force,
  });
  process.stdout.write(`Signing with key ${ring.current.kid}; retired ${ring.previous?.kid ?? 'none'}\n`);
} catch (error) {
  process.stderr.write(`Not rotated: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
} finally {
  await closeContainer();
}
