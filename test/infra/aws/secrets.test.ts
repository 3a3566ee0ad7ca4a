import { beforeAll, describe, expect, it } from 'vitest';
import { manifest } from '#functions/manifest';
import { resourceOf, resourcesOfType, synthesize, type Synthesized } from './synthesize.ts';

describe('Secrets', () => {
  let synthesized: Synthesized;

  function secretOf(name: 'neo4j' | 'jwt-signing-keys' | 'first-admin') {
    return resourceOf(synthesized, synthesized.stack.secrets.byName[name]).Properties;
  }

  beforeAll(() => {
    synthesized = synthesize(manifest);
  });

  it('builds the Neo4j, JWT key ring, first admin and Qdrant API key secrets and no other', () => {
    // Act
    const secrets = resourcesOfType(synthesized, 'AWS::SecretsManager::Secret');

    // Assess
    expect(secrets).toHaveLength(4);
  });

  it('holds the Neo4j credentials as JSON with a username and a generated placeholder password', () => {
    // Act
    const { GenerateSecretString } = secretOf('neo4j');

    // Assess
    expect(GenerateSecretString).toMatchObject({
      SecretStringTemplate: JSON.stringify({ username: 'neo4j' }),
      GenerateStringKey: 'password',
    });
  });

  it('holds the first admin as JSON with the username admin and a generated 24-character password', () => {
    // Act
    const { GenerateSecretString } = secretOf('first-admin');

    // Assess
    expect(GenerateSecretString).toEqual({
      SecretStringTemplate: JSON.stringify({ username: 'admin' }),
      GenerateStringKey: 'password',
      PasswordLength: 24,
      ExcludePunctuation: true,
    });
  });

  it('starts the JWT key ring secret with a generated placeholder, for the stack to replace', () => {
    // Act
    const { GenerateSecretString, SecretString } = secretOf('jwt-signing-keys');

    // Assess
    expect(GenerateSecretString).toEqual({});
    expect(SecretString).toBeUndefined();
  });

  it('keeps the secrets when the stack is deleted', () => {
    // Act & Assess
    synthesized.template.allResources('AWS::SecretsManager::Secret', { DeletionPolicy: 'Retain' });
  });
});
