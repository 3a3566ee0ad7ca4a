import { QdrantClient } from '@qdrant/js-client-rest';
import type { Config } from '#shared/config';
import type { SecretStore } from '#shared/ports/secret-store';

type QdrantSettings = NonNullable<Config['vectors']['qdrant']>;

/**
 * A Qdrant client with the API key from Secrets Manager (the secret's plain value) when `apiKeySecretId` is
 * set, else from the settings. Made again when the secret store's cached value changes, so a rotated key
 * takes effect after the cache TTL without a cold start.
 */
export function qdrantClientFactory(settings: QdrantSettings, secrets: SecretStore): () => Promise<QdrantClient> {
  let current: { apiKey: string | undefined; client: QdrantClient } | undefined;
  return async () => {
    const apiKey = settings.apiKeySecretId === undefined ? settings.apiKey : await secrets.get(settings.apiKeySecretId);
    if (current !== undefined && current.apiKey === apiKey) return current.client;
    // No version probe at start: a cold start should not pay a round trip the first request pays anyway.
    const client = new QdrantClient({ url: settings.url, apiKey, checkCompatibility: false, timeout: 10_000 });
    current = { apiKey, client };
    return client;
  };
}
