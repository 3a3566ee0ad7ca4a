import type { Neo4jSettings } from '#shared/adapters/neo4j/driver';

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
