import { config } from '#shared/config';
import { EmbeddedGraphStore } from '#shared/adapters/embedded/graph-store';
import { closeNeo4jDrivers, neo4jDriver } from '#shared/adapters/neo4j/driver';
import { Neo4jGraphStore } from '#shared/adapters/neo4j/graph-store';
import { recordGraphQuery } from '#shared/observability/dependency-metrics';
import { logger } from '#shared/observability/logger';
import type { GraphStore } from '#shared/ports/graph-store';
import { embeddedDatabase } from './embedded-database.ts';
import { onRelease } from './lifecycle.ts';
import { secretStore } from './secrets.ts';

let store: Promise<GraphStore> | undefined;

/** Neo4j when `NEO4J_URI` is set, else the embedded graph. Async: the embedded graph migrates on first use. */
export function graphStore(): Promise<GraphStore> {
  if (!store) {
    const creating = makeGraphStore();
    store = creating;
    creating.catch(() => {
      if (store === creating) store = undefined; // a failed start is retried on the next call, not cached
    });
    onRelease(async () => {
      store = undefined;
      await closeNeo4jDrivers();
    });
  }
  return store;
}

async function makeGraphStore(): Promise<GraphStore> {
  const neo4j = config().neo4j;
  if (!neo4j) {
    const embedded = new EmbeddedGraphStore({ database: embeddedDatabase() });
    await embedded.migrate();
    return embedded;
  }
  // Asked for on every query, so a driver dropped after refused credentials comes back with the current secret.
  const driver = () => neo4jDriver(neo4j, { secretStore: secretStore(), logger });
  return new Neo4jGraphStore({ driver, database: neo4j.database, onQuery: recordGraphQuery });
}
