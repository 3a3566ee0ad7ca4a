import { createHash } from 'node:crypto';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { MIGRATIONS } from '#shared/adapters/neo4j/migrations';
import { ENV } from '#shared/config';
import type { BootstrapProperties } from './custom-resources/bootstrap.ts';
import { DeployStep } from './deploy-step.ts';

export interface BootstrapProps {
  readonly projectRoot: string;
  /** The Neo4j Aura address; without one the step skips the migrations. */
  readonly neo4jUri?: string;
  readonly neo4jSecret: ISecret;
  readonly usersTable: ITable;
  readonly firstAdminSecret: ISecret;
}

/** Changes whenever a migration is added, so the next deploy runs them. */
export function migrationsDigest(statements: readonly string[] = MIGRATIONS): string {
  return createHash('sha256').update(statements.join('\n')).digest('hex');
}

/**
 * Prepares an installation on every deploy that changes what it depends on: runs the Neo4j migrations
 * (constraints and indexes) and creates the first admin from the `first-admin` secret. The provider
 * reaches Neo4j Aura over the public internet (no VPC) and gets exactly the settings and grants those two
 * steps need: the users table, the first-admin secret, and the Neo4j address and credentials.
 */
export class Bootstrap extends Construct {
  readonly step: DeployStep;

  constructor(scope: Construct, id: string, props: BootstrapProps) {
    super(scope, id);
    this.step = new DeployStep(this, 'Step', {
      definition: {
        kind: 'provider',
        name: 'bootstrap',
        entry: 'infra/aws/custom-resources/bootstrap.ts',
        purpose: 'run the graph migrations and create the first admin',
        // The first admin's scrypt hash costs CPU, which Lambda gives in proportion to memory; it runs once a deploy.
        memoryMb: 1024,
        timeoutSeconds: 300,
      },
      projectRoot: props.projectRoot,
      resourceType: 'Custom::Bootstrap',
      properties: {
        Neo4jUri: props.neo4jUri ?? '',
        Migrations: migrationsDigest(),
        UsersTable: props.usersTable.tableName,
        FirstAdminSecret: props.firstAdminSecret.secretArn,
      } satisfies BootstrapProperties,
    });
    const { fn } = this.step;
    fn.bindTable(props.usersTable, ENV.usersTable, 'read-write');
    fn.bindSecret(props.firstAdminSecret, ENV.adminSecretId);
    if (props.neo4jUri !== undefined) {
      fn.bindSecret(props.neo4jSecret, ENV.neo4jSecretId);
      fn.setSetting(ENV.neo4jUri, props.neo4jUri);
    }
  }
}
