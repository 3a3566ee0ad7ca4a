import {
  CreateSecretCommand,
  DescribeSecretCommand,
  PutSecretValueCommand,
  ResourceExistsException,
  ResourceNotFoundException,
} from '@aws-sdk/client-secrets-manager';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ParameterNotFoundError } from '@aws-lambda-powertools/parameters/errors';
import { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import { SecretNotFoundError } from '#shared/ports/secret-store';
import type { SecretStore } from '#shared/ports/secret-store';

export interface SecretsManagerSecretStoreOptions {
  /** How long a container keeps a value before asking Secrets Manager again; 0 disables the cache. */
  readonly cacheTtlSeconds: number;
  /**
   * The secret `check()` describes. A secret the function reads anyway, so the health check needs no
   * permission beyond the ones it has (ListSecrets cannot be limited to some secrets).
   */
  readonly healthSecretId: string;
  readonly client: SecretsManagerClient;
}

/**
 * Secrets Manager behind Powertools Parameters, which caches each value per container for
 * `cacheTtlSeconds`. A `put` makes this container's next `get` of that id fetch afresh; other containers
 * see the new value when their cached copy expires.
 */
export class SecretsManagerSecretStore implements SecretStore {
  readonly component = 'secrets';
  readonly adapter = 'secrets-manager';
  private readonly client: SecretsManagerClient;
  private readonly provider: SecretsProvider;
  private readonly cacheTtlSeconds: number;
  private readonly healthSecretId: string;
  /** Ids written since they were last read; Powertools can only clear its whole cache, not one entry. */
  private readonly written = new Set<string>();

  constructor(options: SecretsManagerSecretStoreOptions) {
    this.client = options.client;
    this.provider = new SecretsProvider({ awsSdkV3Client: this.client });
    this.cacheTtlSeconds = options.cacheTtlSeconds;
    this.healthSecretId = options.healthSecretId;
  }

  async get(secretId: string): Promise<string> {
    let value: string | Uint8Array;
    try {
      value = await this.provider.get(secretId, {
        maxAge: this.cacheTtlSeconds,
        forceFetch: this.written.has(secretId),
        throwOnMissing: true,
      });
    } catch (error) {
      if (error instanceof ParameterNotFoundError) throw new SecretNotFoundError(secretId);
      throw error;
    }
    this.written.delete(secretId);
    return typeof value === 'string' ? value : new TextDecoder().decode(value);
  }

  async put(secretId: string, value: string): Promise<void> {
    try {
      await this.client.send(new PutSecretValueCommand({ SecretId: secretId, SecretString: value }));
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) throw error;
      await this.create(secretId, value);
    }
    this.written.add(secretId);
  }

  async check(): Promise<void> {
    await this.client.send(new DescribeSecretCommand({ SecretId: this.healthSecretId }));
  }

  private async create(secretId: string, value: string): Promise<void> {
    try {
      await this.client.send(new CreateSecretCommand({ Name: secretId, SecretString: value }));
    } catch (error) {
      // Another container created it meanwhile; store this value over its own.
      if (!(error instanceof ResourceExistsException)) throw error;
      await this.client.send(new PutSecretValueCommand({ SecretId: secretId, SecretString: value }));
    }
  }
}
