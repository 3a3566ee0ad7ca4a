import { config } from '#shared/config';
import { DynamoApiKeyStore } from '#shared/adapters/dynamodb/api-key-store';
import { DynamoUserStore } from '#shared/adapters/dynamodb/user-store';
import { EmbeddedApiKeyStore } from '#shared/adapters/embedded/api-key-store';
import { EmbeddedUserStore } from '#shared/adapters/embedded/user-store';
import { ApiKeyUsage } from '#shared/auth/api-key-usage';
import type { AuthenticationDeps } from '#shared/auth/authenticate';
import { loadSigningKeys, type SigningKeys } from '#shared/auth/signing-keys';
import { logger } from '#shared/observability/logger';
import type { ApiKeyStore } from '#shared/ports/api-key-store';
import type { UserStore } from '#shared/ports/user-store';
import { embeddedDatabase } from './embedded-database.ts';
import { once } from './lifecycle.ts';
import { secretStore } from './secrets.ts';
import { dynamoDocumentClient } from './aws-clients.ts';

/** DynamoDB when `USERS_TABLE` is set, else the embedded store. */
export const userStore = once((): UserStore => {
  const table = config().tables.users;
  return table
    ? new DynamoUserStore({ tableName: table, client: dynamoDocumentClient() })
    : new EmbeddedUserStore({ database: embeddedDatabase() });
});

/** DynamoDB when `API_KEYS_TABLE` is set, else the embedded store. */
export const apiKeyStore = once((): ApiKeyStore => {
  const table = config().tables.apiKeys;
  return table
    ? new DynamoApiKeyStore({ tableName: table, client: dynamoDocumentClient() })
    : new EmbeddedApiKeyStore({ database: embeddedDatabase() });
});

const apiKeyUsage = once(
  () => new ApiKeyUsage(apiKeyStore(), { intervalSeconds: config().apiKeyLastUsedIntervalSeconds }),
);

/** The JWT key ring, through the secret store's TTL cache. */
export function signingKeys(): Promise<SigningKeys> {
  return loadSigningKeys(secretStore(), config().tokens.signingKeysSecretId);
}

/** Everything `authenticate` needs, made once per container. */
export const authenticationDeps = once((): AuthenticationDeps => ({
  users: userStore(),
  apiKeys: apiKeyStore(),
  usage: apiKeyUsage(),
  signingKeys,
  tokens: config().tokens,
  onUsageError: (error) => logger.warn('could not record API key use', { error: error as Error }),
}));
