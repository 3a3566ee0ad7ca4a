import { beforeAll, describe, expect, it } from 'vitest';
import { manifest } from '#functions/manifest';
import { migrationsDigest } from '#infra/aws/bootstrap';
import { MIGRATIONS } from '#shared/adapters/neo4j/migrations';
import {
  actionsOn,
  logicalIdOf,
  resourcesOfType,
  synthesize,
  TEST_NEO4J_URI,
  variablesOf,
  type Synthesized,
} from './synthesize.ts';

interface Statement {
  readonly Action: string | string[];
  readonly Resource: unknown;
}

describe('Deploy steps', () => {
  let synthesized: Synthesized;

  function idOf(name: 'neo4j' | 'jwt-signing-keys' | 'first-admin' | 'users'): string {
    const { tables, secrets } = synthesized.stack;
    return logicalIdOf(synthesized, name === 'users' ? tables.byName.users : secrets.byName[name]);
  }

  /** The statements of a provider's role, without the X-Ray ones every function has. */
  function statementsOf(step: 'signingKeyRing' | 'bootstrap'): Statement[] {
    const { role } = synthesized.stack[step].step.fn.handler;
    if (!role) throw new Error(`No role for ${step}`);
    const policies = resourcesOfType(synthesized, 'AWS::IAM::Policy', {
      Properties: { Roles: [{ Ref: logicalIdOf(synthesized, role) }] },
    });
    return policies
      .flatMap((policy) => (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement)
      .filter((statement) => ![statement.Action].flat().every((action) => action.startsWith('xray:')));
  }

  beforeAll(() => {
    synthesized = synthesize(manifest);
  });

  it('puts a key ring in the JWT secret through a Custom::SigningKeyRing resource', () => {
    // Act
    const resources = resourcesOfType(synthesized, 'Custom::SigningKeyRing');

    // Assess
    expect(resources.map((resource) => resource.Properties.SecretId)).toEqual([{ Ref: idOf('jwt-signing-keys') }]);
  });

  it('lets the key ring provider write the JWT secret, and read no secret', () => {
    // Act
    const statements = statementsOf('signingKeyRing');

    // Assess
    expect(statements).toEqual([
      { Action: 'secretsmanager:PutSecretValue', Effect: 'Allow', Resource: { Ref: idOf('jwt-signing-keys') } },
    ]);
  });

  it('bootstraps through a Custom::Bootstrap resource that changes with the Neo4j URI, migrations, users table and admin secret', () => {
    // Act
    const resources = resourcesOfType(synthesized, 'Custom::Bootstrap');

    // Assess
    expect(resources.map((resource) => resource.Properties)).toEqual([
      expect.objectContaining({
        Neo4jUri: TEST_NEO4J_URI,
        Migrations: migrationsDigest(MIGRATIONS),
        UsersTable: { Ref: idOf('users') },
        FirstAdminSecret: { Ref: idOf('first-admin') },
      }),
    ]);
  });

  it('gives the bootstrap provider the users table, the admin secret and the Neo4j address and credentials', () => {
    // Act
    const variables = variablesOf(synthesized, synthesized.stack.bootstrap.step.fn.handler);

    // Assess
    expect(variables).toEqual({
      POWERTOOLS_SERVICE_NAME: 'yggdrasil',
      POWERTOOLS_METRICS_NAMESPACE: 'Yggdrasil',
      SECRETS_BACKEND: 'secrets-manager',
      USERS_TABLE: { Ref: idOf('users') },
      ADMIN_SECRET_ID: { Ref: idOf('first-admin') },
      NEO4J_SECRET_ID: { Ref: idOf('neo4j') },
      NEO4J_URI: TEST_NEO4J_URI,
    });
  });

  it('lets the bootstrap provider read and write accounts and read the admin and Neo4j secrets', () => {
    // Prepare
    const { handler } = synthesized.stack.bootstrap.step.fn;

    // Act
    const granted = {
      users: actionsOn(synthesized, handler, idOf('users')),
      firstAdmin: actionsOn(synthesized, handler, idOf('first-admin')),
      neo4j: actionsOn(synthesized, handler, idOf('neo4j')),
      jwt: actionsOn(synthesized, handler, idOf('jwt-signing-keys')),
    };

    // Assess
    expect(granted).toEqual({
      users: [
        'dynamodb:BatchGetItem',
        'dynamodb:BatchWriteItem',
        'dynamodb:ConditionCheckItem',
        'dynamodb:DeleteItem',
        'dynamodb:DescribeTable',
        'dynamodb:GetItem',
        'dynamodb:PutItem',
        'dynamodb:Query',
        'dynamodb:Scan',
        'dynamodb:UpdateItem',
      ],
      firstAdmin: ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue'],
      neo4j: ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue'],
      jwt: [],
    });
  });

  it('lets the bootstrap provider touch nothing but the users table and those two secrets', () => {
    // Prepare
    const allowed = [idOf('users'), idOf('first-admin'), idOf('neo4j')];

    // Act
    const resources = statementsOf('bootstrap').map((statement) => JSON.stringify(statement.Resource));

    // Assess
    expect(resources.filter((resource) => !allowed.some((id) => resource.includes(`"${id}"`)))).toEqual([]);
  });

  it("keeps every log group, the deploy steps' included, for 30 days", () => {
    // Act
    const retention = resourcesOfType(synthesized, 'AWS::Logs::LogGroup').map(
      (group) => group.Properties.RetentionInDays,
    );

    // Assess
    expect(retention).toEqual(retention.map(() => 30));
  });
});

describe('migrationsDigest', () => {
  it('changes when a migration is added', () => {
    // Prepare
    const added = [...MIGRATIONS, 'CREATE INDEX claim_source IF NOT EXISTS FOR (c:Claim) ON (c.source)'];

    // Act
    const digests = [migrationsDigest(MIGRATIONS), migrationsDigest(added)];

    // Assess
    expect(digests[0]).not.toBe(digests[1]);
  });

  it('stays the same for the same migrations', () => {
    // Act
    const digests = [migrationsDigest([...MIGRATIONS]), migrationsDigest([...MIGRATIONS])];

    // Assess
    expect(digests[0]).toBe(digests[1]);
  });
});
