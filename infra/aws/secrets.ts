import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { SecretName } from '#functions/manifest';
import { GENERATED_ADMIN_USERNAME } from '#shared/auth/first-admin';
import { ENV } from '#shared/config';

/** The variable that tells a function where each secret is. */
export const SECRET_VARIABLES: Readonly<Record<SecretName, string>> = {
  neo4j: ENV.neo4jSecretId,
  'jwt-signing-keys': ENV.signingKeysSecretId,
  'first-admin': ENV.adminSecretId,
  'qdrant-api-key': ENV.qdrantApiKeySecretId,
};

/** Length of the first admin's generated password: letters and digits only, so no shell or JSON quoting bites. */
export const FIRST_ADMIN_PASSWORD_LENGTH = 24;

export interface SecretsProps {
  /** @default RemovalPolicy.RETAIN: deleting the stack keeps the credentials and keys. */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * Every Secrets Manager secret the manifest can name.
 *
 * - `neo4j` holds JSON `{"username","password"}`. CloudFormation fills it with a generated placeholder
 *   password; after the first deploy an operator puts the Neo4j Aura credentials in it, e.g.
 *   `aws secretsmanager put-secret-value --secret-id <Neo4jSecretArn output> --secret-string '{"username":"neo4j","password":"…"}'`.
 *   Later deploys leave the value alone.
 * - `jwt-signing-keys` holds the JWT key ring (ES256 JWKs). Secrets Manager can only generate strings, so
 *   it starts with a random placeholder that the `SigningKeyRing` custom resource replaces with a real ring
 *   when the stack creates it.
 * - `first-admin` holds JSON `{"username":"admin","password":<generated>}`; the `Bootstrap` custom resource
 *   creates that account once. Operators read the password here for the first `POST /token`.
 */
export class Secrets extends Construct {
  readonly byName: Readonly<Record<SecretName, Secret>>;

  constructor(scope: Construct, id: string, props: SecretsProps = {}) {
    super(scope, id);
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;

    const neo4j = new Secret(this, 'Neo4j', {
      description: 'Yggdrasil Neo4j Aura credentials, JSON {"username","password"}; replace the generated placeholder.',
      generateSecretString: {
        secretStringTemplate: JSON.stringify({ username: 'neo4j' }),
        generateStringKey: 'password',
        excludePunctuation: true,
        passwordLength: 32,
      },
      removalPolicy,
    });
    Validations.of(neo4j).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'The credentials belong to Neo4j Aura, outside AWS: they are rotated in the Aura console and then stored ' +
        'here; no Secrets Manager rotation function can change them.',
    });

    const jwtSigningKeys = new Secret(this, 'JwtSigningKeys', {
      description: 'Yggdrasil JWT key ring (ES256 JWKs: current, next, previous); written by the stack, never by hand.',
      removalPolicy,
    });
    Validations.of(jwtSigningKeys).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'The key ring is rotated by the platform (rotateSigningKeys in shared/auth/signing-keys.ts), which keeps ' +
        'the retired key valid for one token lifetime; a Secrets Manager rotation replaces the whole value and ' +
        'would log every caller out.',
    });

    const firstAdmin = new Secret(this, 'FirstAdmin', {
      description: 'Yggdrasil first admin account, JSON {"username","password"}; created once at the first deploy.',
      generateSecretString: {
        secretStringTemplate: JSON.stringify({ username: GENERATED_ADMIN_USERNAME }),
        generateStringKey: 'password',
        excludePunctuation: true,
        passwordLength: FIRST_ADMIN_PASSWORD_LENGTH,
      },
      removalPolicy,
    });
    Validations.of(firstAdmin).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'The secret only seeds the first admin account, once; from then on the password lives as a hash in the ' +
        'users table and is changed through the API, so rotating the secret would change nothing.',
    });

    const qdrantApiKey = new Secret(this, 'QdrantApiKey', {
      description: 'Yggdrasil Qdrant Cloud API key (the plain key); replace the generated placeholder.',
      generateSecretString: { excludePunctuation: true, passwordLength: 32 },
      removalPolicy,
    });
    Validations.of(qdrantApiKey).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'The key belongs to Qdrant Cloud, outside AWS: it is rotated in the Qdrant console and then stored here; ' +
        'the functions pick the new value up after their secret cache TTL.',
    });

    this.byName = {
      neo4j,
      'jwt-signing-keys': jwtSigningKeys,
      'first-admin': firstAdmin,
      'qdrant-api-key': qdrantApiKey,
    };
  }
}
