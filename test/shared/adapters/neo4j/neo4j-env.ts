import type { Driver, EagerResult, RecordShape } from 'neo4j-driver-lite';
import { afterAll, beforeAll } from 'vitest';
import { closeNeo4jDrivers, neo4jDriver, type Neo4jSettings } from '#shared/adapters/neo4j/driver';
import { runMigrations } from '#shared/adapters/neo4j/migrations';
import { Neo4jTransactions } from '#shared/adapters/neo4j/transactions';

const VARIABLES = ['NEO4J_URI', 'NEO4J_USERNAME', 'NEO4J_PASSWORD'] as const;

/** The real server the test services started; throws, naming what is missing, rather than skipping. */
export function neo4jTestSettings(): Neo4jSettings {
  const { NEO4J_URI: uri, NEO4J_USERNAME: username, NEO4J_PASSWORD: password } = process.env;
  if (!uri || !username || !password) {
    const missing = VARIABLES.filter((name) => !process.env[name]);
    throw new Error(
      `Neo4j integration tests need ${missing.join(', ')}: run them with the test services globalSetup ` +
        '(test/services), or export them for a running Neo4j server',
    );
  }
  return { uri, username, password, maxPoolSize: 3 };
}

/**
 * Registers the file's hooks: before all, a driver for the test server with the graph migrated (the
 * stores' constraints and indexes); after all, the drivers closed. Returns the driver, current after `beforeAll`.
 */
export function useMigratedNeo4j(settings: Neo4jSettings): () => Driver {
  let driver: Driver | undefined;
  beforeAll(async () => {
    driver = await neo4jDriver(settings);
    await runMigrations(new Neo4jTransactions({ driver }));
  });
  afterAll(async () => {
    await closeNeo4jDrivers();
  });
  return () => {
    if (!driver) throw new Error('The Neo4j driver is made in beforeAll');
    return driver;
  };
}

/** Reads or writes the graph directly, past the store under test. */
export async function graphRows<Row extends RecordShape>(
  driver: Driver,
  query: string,
  parameters: Record<string, unknown> = {},
): Promise<Row[]> {
  const { records } = await driver.executeQuery<EagerResult<Row>>(query, parameters);
  return records.map((record) => record.toObject());
}

/** The graph's constraints or indexes, their type by name. */
export async function schemaTypes(
  driver: Driver,
  show: 'SHOW CONSTRAINTS' | 'SHOW INDEXES',
): Promise<Record<string, string>> {
  const rows = await graphRows<{ name: string; type: string }>(driver, `${show} YIELD name, type RETURN name, type`);
  return Object.fromEntries(rows.map((row) => [row.name, row.type]));
}
