import { randomUUID } from 'node:crypto';
import { CreateSecretCommand, GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import neo4j from 'neo4j-driver-lite';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BOOTSTRAP_PHYSICAL_ID, handler } from '#infra/aws/custom-resources/bootstrap';
import { handler as signingKeyRingHandler } from '#infra/aws/custom-resources/signing-key-ring';
import { dynamoDocumentClient, secretsManagerClient } from '#shared/container/aws-clients';
import { createUsersTable } from '#shared/adapters/dynamodb/provision-identity';
import { DynamoUserStore } from '#shared/adapters/dynamodb/user-store';
import { parseKeyRing } from '#shared/auth/signing-keys';
import { PasswordHasher } from '#shared/auth/passwords';
import { resetConfig } from '#shared/config';
import { closeContainer } from '#shared/container/lifecycle';
import { createEvent } from './events.ts';

/**
 * The providers as Lambda runs them, on the real servers of the test run: Secrets Manager and DynamoDB on
 * moto, and the Neo4j server. Run from the root config (its globalSetup starts them); fails, never skips,
 * without them.
 */
const REQUIRED = [
  'AWS_ENDPOINT_URL',
  'AWS_REGION',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'NEO4J_URI',
  'NEO4J_USERNAME',
  'NEO4J_PASSWORD',
];

function requireServers(): { neo4jUri: string; neo4jUsername: string; neo4jPassword: string } {
  const missing = REQUIRED.filter((name) => !process.env[name]);
  if (missing.length > 0) {
    throw new Error(
      `The deploy-step provider tests need moto and Neo4j; missing ${missing.join(', ')} ` +
        '(run them with the root vitest config, whose globalSetup starts test/services)',
    );
  }
  const { NEO4J_URI = '', NEO4J_USERNAME = '', NEO4J_PASSWORD = '' } = process.env;
  return { neo4jUri: NEO4J_URI, neo4jUsername: NEO4J_USERNAME, neo4jPassword: NEO4J_PASSWORD };
}

async function createSecret(value: string): Promise<string> {
  const { ARN } = await secretsManagerClient().send(
    new CreateSecretCommand({ Name: `deploy-step-${randomUUID()}`, SecretString: value }),
  );
  if (!ARN) throw new Error('moto returned no secret ARN');
  return ARN;
}

describe('the deploy-step providers on real servers', () => {
  const ADMIN_PASSWORD = 'Qz8rT3wX6yK1mN4pV7bC2dF5';
  let usersTable: string;
  let servers: ReturnType<typeof requireServers>;

  beforeEach(async () => {
    servers = requireServers();
    usersTable = `users-${randomUUID()}`;
    await createUsersTable(dynamoDocumentClient(), usersTable);
    const neo4jSecret = await createSecret(
      JSON.stringify({ username: servers.neo4jUsername, password: servers.neo4jPassword }),
    );
    const adminSecret = await createSecret(JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }));
    // What the stack sets on the bootstrap provider, and nothing the test run set for other suites.
    vi.stubEnv('SECRETS_BACKEND', 'secrets-manager');
    vi.stubEnv('USERS_TABLE', usersTable);
    vi.stubEnv('ADMIN_SECRET_ID', adminSecret);
    vi.stubEnv('NEO4J_SECRET_ID', neo4jSecret);
    vi.stubEnv('NEO4J_USERNAME', undefined);
    vi.stubEnv('NEO4J_PASSWORD', undefined);
    vi.stubEnv('PASSWORD_HASH_COST', '4');
    resetConfig();
    await closeContainer();
  });

  afterEach(async () => {
    await closeContainer();
    vi.unstubAllEnvs();
    resetConfig();
    await dynamoDocumentClient().send(new DeleteTableCommand({ TableName: usersTable }));
  });

  it('creates the first admin in DynamoDB with the password of the admin secret', async () => {
    // Act
    await handler(
      createEvent({
        Neo4jUri: servers.neo4jUri,
        Migrations: 'digest',
        UsersTable: usersTable,
        FirstAdminSecret: 'arn',
      }),
    );

    // Assess
    const admin = await new DynamoUserStore({ tableName: usersTable, client: dynamoDocumentClient() }).get('admin');
    expect(admin?.role).toBe('admin');
    expect(await new PasswordHasher({ cost: 4 }).verify(ADMIN_PASSWORD, admin?.passwordHash)).toBe(true);
  });

  it('migrates the graph, reaching Neo4j with the credentials of its secret', async () => {
    // Act
    const response = await handler(
      createEvent({
        Neo4jUri: servers.neo4jUri,
        Migrations: 'digest',
        UsersTable: usersTable,
        FirstAdminSecret: 'arn',
      }),
    );

    // Assess
    expect(response).toMatchObject({ PhysicalResourceId: BOOTSTRAP_PHYSICAL_ID, Data: { GraphMigrated: 'true' } });
    const driver = neo4j.driver(servers.neo4jUri, neo4j.auth.basic(servers.neo4jUsername, servers.neo4jPassword));
    try {
      const { records } = await driver.executeQuery('SHOW CONSTRAINTS YIELD name RETURN collect(name) AS names');
      expect(records[0]?.get('names')).toEqual(expect.arrayContaining(['concept_id', 'claim_id', 'evidence_id']));
    } finally {
      await driver.close();
    }
  });

  it('puts a key ring in a real secret', async () => {
    // Prepare
    const secretId = await createSecret('placeholder');

    // Act
    await signingKeyRingHandler(createEvent({ SecretId: secretId }));

    // Assess
    const { SecretString } = await secretsManagerClient().send(new GetSecretValueCommand({ SecretId: secretId }));
    expect(parseKeyRing(SecretString ?? '').current.kid).not.toBe('');
  });
});
