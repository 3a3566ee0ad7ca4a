import { config } from '#shared/config';
import { EmbeddedKnowledgeStore } from '#shared/adapters/embedded/knowledge-store';
import { closeNeo4jDrivers, neo4jDriver } from '#shared/adapters/neo4j/driver';
import { Neo4jKnowledgeStore } from '#shared/adapters/neo4j/knowledge-store';
import { recordGraphQuery } from '#shared/observability/dependency-metrics';
import { logger } from '#shared/observability/logger';
import type { KnowledgeStore } from '#shared/ports/knowledge-store';
import type { ClaimDeps } from '#shared/services/claims';
import type { ConceptDeps } from '#shared/services/concepts';
import { readThroughDeps } from './cache.ts';
import { embeddedDatabase } from './embedded-database.ts';
import { onRelease, once } from './lifecycle.ts';
import { secretStore } from './secrets.ts';

/**
 * Concepts, claims and evidence: Neo4j when `NEO4J_URI` is set, else the embedded graph. The Neo4j
 * constraints come from the graph store's migrations (`graphStore().migrate()`), which share the graph.
 */
export const knowledgeStore = once((): KnowledgeStore => {
  const neo4j = config().neo4j;
  if (!neo4j) return new EmbeddedKnowledgeStore({ database: embeddedDatabase() });
  onRelease(closeNeo4jDrivers);
  // Asked for on every query, so a driver dropped after refused credentials comes back with the current secret.
  const driver = () => neo4jDriver(neo4j, { secretStore: secretStore(), logger });
  return new Neo4jKnowledgeStore({ driver, database: neo4j.database, onQuery: recordGraphQuery });
});

/** What the concept and claim services are given: the knowledge store and the container's caches. */
export function knowledgeDeps(): ConceptDeps & ClaimDeps {
  const store = knowledgeStore();
  return { concepts: store, claims: store, cache: readThroughDeps() };
}
