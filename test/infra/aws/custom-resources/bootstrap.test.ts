import { describe, expect, it, vi } from 'vitest';
import {
  BOOTSTRAP_PHYSICAL_ID,
  containerSteps,
  onBootstrapEvent,
  type BootstrapDeps,
  type BootstrapProperties,
  type BootstrapSteps,
} from '#infra/aws/custom-resources/bootstrap';
import { resetConfig } from '#shared/config';
import { passwordHasher } from '#shared/container/passwords';
import { userStore } from '#shared/container/identity';
import { secretStore } from '#shared/container/secrets';
import { useEmbeddedDefaults } from '../../../support/embedded.ts';
import { createEvent, deleteEvent, updateEvent } from './events.ts';

const PROPERTIES: BootstrapProperties = {
  Neo4jUri: 'neo4j+s://example.databases.neo4j.io',
  Migrations: 'digest-1',
  UsersTable: 'Yggdrasil-Users',
  FirstAdminSecret: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:FirstAdmin-AbCdEf',
};

/** Steps that record the order they ran in, and a logger that keeps what it was told. */
function recordingDeps(options: { graph?: boolean; failMigration?: boolean } = {}) {
  const ran: string[] = [];
  const warnings: string[] = [];
  const steps: BootstrapSteps = {
    migrateGraph:
      options.graph === false
        ? undefined
        : () => {
            ran.push('migrate');
            return options.failMigration ? Promise.reject(new Error('Neo4j is unreachable')) : Promise.resolve();
          },
    ensureFirstAdmin: () => {
      ran.push('first-admin');
      return Promise.resolve({ username: 'admin', created: true });
    },
  };
  const deps: BootstrapDeps = {
    steps: () => steps,
    logger: { info: () => undefined, warn: (message) => warnings.push(message) },
  };
  return { deps, ran, warnings };
}

describe('onBootstrapEvent', () => {
  it('runs the graph migrations, then makes the first admin, when the stack creates the resource', async () => {
    // Prepare
    const { deps, ran } = recordingDeps();

    // Act
    await onBootstrapEvent(createEvent(PROPERTIES), deps);

    // Assess
    expect(ran).toEqual(['migrate', 'first-admin']);
  });

  it('runs both steps again on an update', async () => {
    // Prepare
    const { deps, ran } = recordingDeps();

    // Act
    await onBootstrapEvent(
      updateEvent(BOOTSTRAP_PHYSICAL_ID, { ...PROPERTIES, Migrations: 'digest-2' }, PROPERTIES),
      deps,
    );

    // Assess
    expect(ran).toEqual(['migrate', 'first-admin']);
  });

  it('reports what it did, and no password, to CloudFormation', async () => {
    // Prepare
    const { deps } = recordingDeps();

    // Act
    const response = await onBootstrapEvent(createEvent(PROPERTIES), deps);

    // Assess
    expect(response).toEqual({
      PhysicalResourceId: BOOTSTRAP_PHYSICAL_ID,
      Data: { GraphMigrated: 'true', FirstAdmin: 'admin', FirstAdminCreated: 'true' },
    });
  });

  it('skips the migrations, and warns, when no graph is configured', async () => {
    // Prepare
    const { deps, ran, warnings } = recordingDeps({ graph: false });

    // Act
    await onBootstrapEvent(createEvent({ ...PROPERTIES, Neo4jUri: '' }), deps);

    // Assess
    expect(ran).toEqual(['first-admin']);
    expect(warnings).toEqual(['No NEO4J_URI: graph migrations skipped until the stack is given one']);
  });

  it('fails the deploy, before touching the accounts, when a migration fails', async () => {
    // Prepare
    const { deps, ran } = recordingDeps({ failMigration: true });

    // Act
    const act = onBootstrapEvent(createEvent(PROPERTIES), deps);

    // Assess
    await expect(act).rejects.toThrow('Neo4j is unreachable');
    expect(ran).toEqual(['migrate']);
  });

  it('does nothing when the resource is deleted', async () => {
    // Prepare
    const { deps, ran } = recordingDeps();

    // Act
    const response = await onBootstrapEvent(deleteEvent(BOOTSTRAP_PHYSICAL_ID, PROPERTIES), deps);

    // Assess
    expect(ran).toEqual([]);
    expect(response).toEqual({ PhysicalResourceId: BOOTSTRAP_PHYSICAL_ID });
  });
});

describe('containerSteps', () => {
  useEmbeddedDefaults();

  const ADMIN_SECRET = 'yggdrasil/first-admin';
  const PASSWORD = 'Gx7kP2mQ9vR4tW8zB3nH5jL6';

  async function withAdminSecret(): Promise<void> {
    vi.stubEnv('ADMIN_SECRET_ID', ADMIN_SECRET);
    resetConfig();
    await secretStore().put(ADMIN_SECRET, JSON.stringify({ username: 'admin', password: PASSWORD }));
  }

  it('makes the first admin from the admin secret, with its password', async () => {
    // Prepare
    await withAdminSecret();

    // Act
    await containerSteps().ensureFirstAdmin();

    // Assess
    const admin = await userStore().get('admin');
    expect(admin?.role).toBe('admin');
    expect(await passwordHasher().verify(PASSWORD, admin?.passwordHash)).toBe(true);
  });

  it('leaves an existing first admin as it is', async () => {
    // Prepare
    await withAdminSecret();
    await containerSteps().ensureFirstAdmin();

    // Act
    const outcome = await containerSteps().ensureFirstAdmin();

    // Assess
    expect(outcome).toEqual({ username: 'admin', created: false });
  });

  it('refuses to make the first admin when no admin secret is configured', async () => {
    // Act
    const act = containerSteps().ensureFirstAdmin();

    // Assess
    await expect(act).rejects.toThrow('ADMIN_SECRET_ID must name the first-admin secret');
  });

  it('has no graph step when no Neo4j URI is configured', () => {
    // Act
    const steps = containerSteps();

    // Assess
    expect(steps.migrateGraph).toBeUndefined();
  });
});
