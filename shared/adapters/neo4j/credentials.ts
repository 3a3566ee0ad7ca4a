import type { Config } from '#shared/config';
import { DependencyError } from '#shared/errors';
import type { SecretStore } from '#shared/ports/secret-store';

export interface Neo4jCredentials {
  readonly username: string;
  readonly password: string;
}

/**
 * The credentials to connect with: from the secret (JSON `{"username","password"}`) when `secretId` is set,
 * else from the settings. The secret store does the caching, so a rotated secret shows up after its TTL.
 */
export async function neo4jCredentials(
  settings: Pick<NonNullable<Config['neo4j']>, 'secretId' | 'username' | 'password'>,
  secretStore?: SecretStore,
): Promise<Neo4jCredentials> {
  if (settings.secretId === undefined) {
    if (settings.password === undefined) {
      throw new DependencyError('graph', 'neo4j has no password: set NEO4J_PASSWORD or NEO4J_SECRET_ID');
    }
    return { username: settings.username, password: settings.password };
  }
  if (secretStore === undefined) {
    throw new DependencyError(
      'graph',
      `neo4j secret '${settings.secretId}' is configured but no secret store was given`,
    );
  }
  return parseSecret(settings.secretId, await secretStore.get(settings.secretId));
}

function parseSecret(secretId: string, value: string): Neo4jCredentials {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    // The value may hold the password: never quote it.
    throw new DependencyError('graph', `neo4j secret '${secretId}' is not JSON`);
  }
  if (
    typeof parsed === 'object' &&
    parsed !== null &&
    'username' in parsed &&
    'password' in parsed &&
    typeof parsed.username === 'string' &&
    typeof parsed.password === 'string' &&
    parsed.username !== ''
  ) {
    return { username: parsed.username, password: parsed.password };
  }
  throw new DependencyError('graph', `neo4j secret '${secretId}' must be JSON {"username","password"}`);
}
