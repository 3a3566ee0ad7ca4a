import { config } from '#shared/config';
import { EmbeddedSecretStore } from '#shared/adapters/embedded/secret-store';
import { SecretsManagerSecretStore } from '#shared/adapters/secrets-manager/secret-store';
import type { SecretStore } from '#shared/ports/secret-store';
import { secretsManagerClient } from './aws-clients.ts';
import { embeddedDatabase } from './embedded-database.ts';
import { once } from './lifecycle.ts';

/** Secrets Manager when `SECRETS_BACKEND` (or `NEO4J_SECRET_ID`) says so, else the embedded store. */
export const secretStore = once((): SecretStore => {
  const settings = config();
  return settings.secretsBackend === 'secrets-manager'
    ? new SecretsManagerSecretStore({
        cacheTtlSeconds: settings.secretsCacheTtlSeconds,
        healthSecretId: settings.neo4j?.secretId ?? settings.tokens.signingKeysSecretId,
        client: secretsManagerClient(),
      })
    : new EmbeddedSecretStore({ database: embeddedDatabase() });
});
