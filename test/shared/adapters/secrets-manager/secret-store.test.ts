import { describe, expect, it } from 'vitest';
import { CreateSecretCommand, PutSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { secretsManagerClient } from '#shared/container/aws-clients';
import { SecretsManagerSecretStore } from '#shared/adapters/secrets-manager/secret-store';
import { describeSecretStoreContract, uniqueSecretId } from '../../../contracts/secret-store.contract.ts';
import { requireAwsEndpoint } from '../../../support/aws-env.ts';

/** A store whose health check describes a fresh secret of its own. */
async function newStore(cacheTtlSeconds: number): Promise<SecretsManagerSecretStore> {
  requireAwsEndpoint('Secrets Manager');
  const healthSecretId = uniqueSecretId();
  await secretsManagerClient().send(new CreateSecretCommand({ Name: healthSecretId, SecretString: 'health' }));
  return new SecretsManagerSecretStore({ cacheTtlSeconds, healthSecretId, client: secretsManagerClient() });
}

/** A secret holding `initial`, and a way to change it without going through any store. */
async function secretChangedElsewhere(initial: string) {
  const secretId = uniqueSecretId();
  await secretsManagerClient().send(new CreateSecretCommand({ Name: secretId, SecretString: initial }));
  const changeTo = async (value: string) => {
    await secretsManagerClient().send(new PutSecretValueCommand({ SecretId: secretId, SecretString: value }));
  };
  return { secretId, changeTo };
}

describeSecretStoreContract('secrets-manager', async () => ({ store: await newStore(60) }));

describe('SecretsManagerSecretStore cache', () => {
  it('keeps serving the value it read while the cache TTL lasts', async () => {
    // Prepare
    const store = await newStore(60);
    const { secretId, changeTo } = await secretChangedElsewhere('old-value');
    await store.get(secretId);

    // Act
    await changeTo('new-value');

    // Assess
    expect(await store.get(secretId)).toBe('old-value');
  });

  it('reads the changed value once the cache TTL has passed', async () => {
    // Prepare
    const store = await newStore(1);
    const { secretId, changeTo } = await secretChangedElsewhere('old-value');
    await store.get(secretId);
    await changeTo('new-value');

    // Act
    await new Promise((resolve) => setTimeout(resolve, 1_100));

    // Assess
    expect(await store.get(secretId)).toBe('new-value');
  });
});

describe('SecretsManagerSecretStore values', () => {
  it('reads a secret stored as binary as its UTF-8 text', async () => {
    // Prepare
    const store = await newStore(60);
    const secretId = uniqueSecretId();
    const SecretBinary = new TextEncoder().encode('Yggdrasil ✓');
    await secretsManagerClient().send(new CreateSecretCommand({ Name: secretId, SecretBinary }));

    // Act
    const value = await store.get(secretId);

    // Assess
    expect(value).toBe('Yggdrasil ✓');
  });
});
