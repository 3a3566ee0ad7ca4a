import { beforeAll, describe, expect, it } from 'vitest';
import { manifest } from '#functions/manifest';
import { resourceOf, synthesize, type Synthesized } from './synthesize.ts';

describe('Secrets', () => {
  let synthesized: Synthesized;

  beforeAll(() => {
    synthesized = synthesize(manifest);
  });

  it('holds the Neo4j credentials as JSON with a username and a generated placeholder password', () => {
    // Act
    const { Properties } = resourceOf(synthesized, synthesized.stack.secrets.byName.neo4j);

    // Assess
    expect(Properties.GenerateSecretString).toMatchObject({
      SecretStringTemplate: JSON.stringify({ username: 'neo4j' }),
      GenerateStringKey: 'password',
    });
  });

  it('keeps the secret when the stack is deleted', () => {
    // Act & Assess
    synthesized.template.allResources('AWS::SecretsManager::Secret', { DeletionPolicy: 'Retain' });
  });
});
