import { config } from '#shared/config';
import { EmbeddedDocumentKnowledgeStore } from '#shared/adapters/embedded/document-knowledge-store';
import { Neo4jDocumentKnowledgeStore } from '#shared/adapters/neo4j/document-knowledge-store';
import { closeNeo4jDrivers, neo4jDriver } from '#shared/adapters/neo4j/driver';
import { recordGraphQuery } from '#shared/observability/dependency-metrics';
import { logger } from '#shared/observability/logger';
import type { DocumentKnowledgeStore } from '#shared/ports/document-knowledge-store';
import type { KnownNameLookup } from '#shared/ports/known-names';
import { recentKnownNames } from '#shared/services/recent-known-names';
import { embeddedDatabase } from './embedded-database.ts';
import { onRelease, once } from './lifecycle.ts';
import { secretStore } from './secrets.ts';

/**
 * Documents' analyses, entities and links: Neo4j when `NEO4J_URI` is set, else the embedded graph. The
 * Neo4j constraints come from the graph store's migrations, which share the graph.
 */
export const documentKnowledgeStore = once((): DocumentKnowledgeStore => {
  const neo4j = config().neo4j;
  if (!neo4j) return new EmbeddedDocumentKnowledgeStore({ database: embeddedDatabase() });
  onRelease(closeNeo4jDrivers);
  // Asked for on every query, so a driver dropped after refused credentials comes back with the current secret.
  const driver = () => neo4jDriver(neo4j, { secretStore: secretStore(), logger });
  return new Neo4jDocumentKnowledgeStore({ driver, database: neo4j.database, onQuery: recordGraphQuery });
});

/** The known names a container's document analyses link to, read once per domain every few seconds. */
export const recentKnownNamesLookup = once((): KnownNameLookup => recentKnownNames(documentKnowledgeStore()));
