import { randomUUID } from 'node:crypto';
import type { Driver, QueryConfig } from 'neo4j-driver-lite';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { openEmbeddedDatabase } from '#shared/adapters/embedded/database';
import { EmbeddedSecretStore } from '#shared/adapters/embedded/secret-store';
import {
  closeNeo4jDrivers,
  neo4jCredentials,
  neo4jDriver,
  neo4jDriverConfig,
  type Neo4jLogger,
  type Neo4jSettings,
} from '#shared/adapters/neo4j/driver';
import { Neo4jGraphStore } from '#shared/adapters/neo4j/graph-store';
import { DependencyError } from '#shared/errors';
import { neo4jTestSettings } from './neo4j-env.ts';

const offline: Neo4jSettings = { uri: 'bolt://127.0.0.1:1', username: 'neo4j', password: 'secret', maxPoolSize: 3 };

const onSystemDatabase: Pick<QueryConfig, 'database'> = { database: 'system' };

function secretStore(): EmbeddedSecretStore {
  return new EmbeddedSecretStore({ database: openEmbeddedDatabase({ dataDir: '', inMemory: true }) });
}

describe('neo4jDriverConfig', () => {
  it('sizes the pool from the settings', () => {
    // Act
    const config = neo4jDriverConfig({ ...offline, maxPoolSize: 7 });

    // Assess
    expect(config.maxConnectionPoolSize).toBe(7);
  });

  it('retires connections after 50 minutes, before Aura closes idle ones at 60', () => {
    // Act
    const config = neo4jDriverConfig(offline);

    // Assess
    expect(config.maxConnectionLifetime).toBe(50 * 60 * 1000);
  });

  it('bounds every wait well inside a function timeout', () => {
    // Act
    const config = neo4jDriverConfig(offline);

    // Assess
    expect(config).toMatchObject({
      connectionAcquisitionTimeout: 10_000,
      connectionTimeout: 5_000,
      maxTransactionRetryTime: 10_000,
    });
  });

  it('returns integers as plain numbers and names the client', () => {
    // Act
    const config = neo4jDriverConfig(offline);

    // Assess
    expect(config).toMatchObject({ disableLosslessIntegers: true, userAgent: 'yggdrasil/2.0.0' });
  });

  it('logs nothing without a logger', () => {
    // Act
    const config = neo4jDriverConfig(offline);

    // Assess
    expect(config.logging).toBeUndefined();
  });

  it('sends the driver warnings to the given logger', () => {
    // Prepare
    const warnings: string[] = [];
    const logger: Neo4jLogger = { error: () => {}, warn: (m) => warnings.push(m), info: () => {}, debug: () => {} };

    // Act
    neo4jDriverConfig(offline, logger).logging?.logger('warn', 'pool exhausted');

    // Assess
    expect({ level: neo4jDriverConfig(offline, logger).logging?.level, warnings }).toEqual({
      level: 'warn',
      warnings: ['neo4j: pool exhausted'],
    });
  });
});

describe('neo4jCredentials', () => {
  it('reads the username and password from the secret when a secret id is set', async () => {
    // Prepare
    const store = secretStore();
    await store.put('neo4j/credentials', JSON.stringify({ username: 'ygg', password: 'from-secret' }));

    // Act
    const credentials = await neo4jCredentials({ ...offline, secretId: 'neo4j/credentials' }, store);

    // Assess
    expect(credentials).toEqual({ username: 'ygg', password: 'from-secret' });
  });

  it('uses the configured username and password without a secret id', async () => {
    // Act
    const credentials = await neo4jCredentials(offline, secretStore());

    // Assess
    expect(credentials).toEqual({ username: 'neo4j', password: 'secret' });
  });

  it('refuses a secret that is not username/password JSON without quoting it', async () => {
    // Prepare
    const store = secretStore();
    await store.put('neo4j/credentials', 'hunter2');

    // Act
    const failure = await neo4jCredentials({ ...offline, secretId: 'neo4j/credentials' }, store).catch(
      (error: unknown) => error,
    );

    // Assess
    expect(failure).toBeInstanceOf(DependencyError);
    expect((failure as DependencyError).message).not.toContain('hunter2');
  });

  it('refuses a secret id without a secret store to read it from', async () => {
    // Act
    const credentials = neo4jCredentials({ ...offline, secretId: 'neo4j/credentials' });

    // Assess
    await expect(credentials).rejects.toBeInstanceOf(DependencyError);
  });
});

describe('neo4jDriver', () => {
  afterAll(async () => {
    await closeNeo4jDrivers();
  });

  it('creates the driver once and returns the same one on the next call', async () => {
    // Prepare
    const settings = { ...offline, username: `reuse-${randomUUID()}` };
    const first = await neo4jDriver(settings);

    // Act
    const second = await neo4jDriver(settings);

    // Assess
    expect(second).toBe(first);
  });

  it('creates a separate driver for another user on the same server', async () => {
    // Prepare
    const first = await neo4jDriver({ ...offline, username: `one-${randomUUID()}` });

    // Act
    const other = await neo4jDriver({ ...offline, username: `other-${randomUUID()}` });

    // Assess
    expect(other).not.toBe(first);
  });

  it('reads the secret again on the next call when the first read failed', async () => {
    // Prepare
    const store = secretStore();
    const settings = { ...offline, secretId: `neo4j/${randomUUID()}` };
    await neo4jDriver(settings, { secretStore: store }).catch(() => undefined);
    await store.put(settings.secretId, JSON.stringify({ username: 'ygg', password: 'late' }));

    // Act
    const driver = neo4jDriver(settings, { secretStore: store });

    // Assess
    // A driver, made with the secret as it now reads: not the failed first attempt's rejection.
    await expect(driver).resolves.toHaveProperty('session', expect.any(Function));
  });

  it('forgets every driver once they are all closed', async () => {
    // Prepare
    const settings = { ...offline, username: `closed-${randomUUID()}` };
    const first = await neo4jDriver(settings);

    // Act
    await closeNeo4jDrivers();

    // Assess
    expect(await neo4jDriver(settings)).not.toBe(first);
  });
});

describe('neo4jDriver against a real server', () => {
  let settings: Neo4jSettings;
  let admin: Driver;
  const users: string[] = [];

  // Per test, so a missing server fails every test by name instead of skipping them.
  beforeEach(async () => {
    settings = neo4jTestSettings();
    admin = await neo4jDriver(settings);
  });

  afterAll(async () => {
    for (const username of users.splice(0)) {
      await admin.executeQuery('DROP USER $username IF EXISTS', { username }, onSystemDatabase);
    }
    await closeNeo4jDrivers();
  });

  /** A user of its own, so failed logins never lock out the user other tests share. */
  async function newUser(): Promise<{ username: string; password: string }> {
    const username = `ygg_${randomUUID().replaceAll('-', '')}`;
    const password = `pw-${randomUUID()}`;
    await admin.executeQuery(
      'CREATE USER $username SET PASSWORD $password CHANGE NOT REQUIRED',
      { username, password },
      onSystemDatabase,
    );
    users.push(username);
    return { username, password };
  }

  it('reuses one driver that answers the server', async () => {
    // Prepare
    const first = await neo4jDriver(settings);

    // Act
    const second = await neo4jDriver(settings);

    // Assess
    expect(second).toBe(first);
    await expect(second.getServerInfo()).resolves.toHaveProperty('address');
  });

  it('connects with the credentials from the secret when a secret id is set', async () => {
    // Prepare
    const store = secretStore();
    const secretId = `neo4j/${randomUUID()}`;
    await store.put(secretId, JSON.stringify(await newUser()));
    const fromSecret = { ...settings, username: 'not-this-one', password: undefined, secretId };
    const graph = new Neo4jGraphStore({ driver: () => neo4jDriver(fromSecret, { secretStore: store }) });

    // Act
    const check = graph.check();

    // Assess
    await expect(check).resolves.toBeUndefined();
  });

  it('fails with a DependencyError that keeps the Unauthorized cause when the password is wrong', async () => {
    // Prepare
    const { username } = await newUser();
    const wrong = { ...settings, username, password: 'wrong-password' };
    const graph = new Neo4jGraphStore({ driver: () => neo4jDriver(wrong) });

    // Act
    const failure = await graph.check().catch((error: unknown) => error);

    // Assess
    expect(failure).toBeInstanceOf(DependencyError);
    expect((failure as DependencyError).cause).toMatchObject({ code: 'Neo.ClientError.Security.Unauthorized' });
  });

  it('drops the cached driver when the password is wrong', async () => {
    // Prepare
    const { username } = await newUser();
    const wrong = { ...settings, username, password: 'wrong-password' };
    const refused = await neo4jDriver(wrong);
    const graph = new Neo4jGraphStore({ driver: () => neo4jDriver(wrong) });

    // Act
    await graph.check().catch(() => undefined);

    // Assess
    expect(await neo4jDriver(wrong)).not.toBe(refused);
  });

  it('connects with the rotated password once the secret holds it', async () => {
    // Prepare
    const store = secretStore();
    const secretId = `neo4j/${randomUUID()}`;
    const { username, password } = await newUser();
    await store.put(secretId, JSON.stringify({ username, password: 'before-rotation' }));
    const fromSecret = { ...settings, password: undefined, secretId };
    const graph = new Neo4jGraphStore({ driver: () => neo4jDriver(fromSecret, { secretStore: store }) });
    await graph.check().catch(() => undefined);

    // Act
    await store.put(secretId, JSON.stringify({ username, password }));

    // Assess
    await expect(graph.check()).resolves.toBeUndefined();
  });
});
