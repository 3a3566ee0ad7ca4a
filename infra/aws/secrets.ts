import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { SecretName } from '#functions/manifest';
import { ENV } from '#shared/config';

/** The variable that tells a function where each secret is. */
export const SECRET_VARIABLES: Readonly<Record<SecretName, string>> = {
  neo4j: ENV.neo4jSecretId,
};

export interface SecretsProps {
  /** @default RemovalPolicy.RETAIN: deleting the stack keeps the credentials operators stored. */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * Every Secrets Manager secret the manifest can name.
 *
 * `neo4j` holds JSON `{"username","password"}`. CloudFormation fills it with a generated placeholder password;
 * after the first deploy an operator puts the Neo4j Aura credentials in it, e.g.
 * `aws secretsmanager put-secret-value --secret-id <Neo4jSecretArn output> --secret-string '{"username":"neo4j","password":"…"}'`.
 * Later deploys leave the value alone.
 */
export class Secrets extends Construct {
  readonly byName: Readonly<Record<SecretName, Secret>>;

  constructor(scope: Construct, id: string, props: SecretsProps = {}) {
    super(scope, id);
    const neo4j = new Secret(this, 'Neo4j', {
      description: 'Yggdrasil Neo4j Aura credentials, JSON {"username","password"}; replace the generated placeholder.',
      generateSecretString: {
        secretStringTemplate: JSON.stringify({ username: 'neo4j' }),
        generateStringKey: 'password',
        excludePunctuation: true,
        passwordLength: 32,
      },
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });
    Validations.of(neo4j).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'The credentials belong to Neo4j Aura, outside AWS: they are rotated in the Aura console and then stored ' +
        'here; no Secrets Manager rotation function can change them.',
    });
    this.byName = { neo4j };
  }
}
