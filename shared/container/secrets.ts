import { config } from '#shared/config';
import { EmbeddedSecretStore } from '#shared/adapters/embedded/secret-store';
import { SecretsManagerSecretStore } from '#shared/adapters/secrets-manager/secret-store';
import type { SecretStore } from '#shared/ports/secret-store';
import { embeddedDatabase } from './embedded-database.ts';
import { onRelease } from './lifecycle.ts';

let store: SecretStore | undefined;

/** Secrets Manager when a secret id is configured, else the embedded store. */
export function secretStore(): SecretStore {
  if (!store) {
    const settings = config();
    const secretId = settings.neo4j?.secretId;
    store = secretId
      ? new SecretsManagerSecretStore({ cacheTtlSeconds: settings.secretsCacheTtlSeconds, healthSecretId: secretId })
      : new EmbeddedSecretStore({ database: embeddedDatabase() });
    onRelease(() => {
      store = undefined;
    });
  }
  return store;
}
