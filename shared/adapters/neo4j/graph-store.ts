import { isDomain, storedDocumentFields, type KnowledgeDocument } from '#shared/domain/documents';
import { DependencyError } from '#shared/errors';
import type { GraphStore } from '#shared/ports/graph-store';
import { runMigrations } from './migrations.ts';
import { Neo4jTransactions, type Neo4jTransactionOptions } from './transactions.ts';

// The stale-edge cleanup keeps one IN_DOMAIN edge even if a document's domain ever changes.
export const SAVE_DOCUMENT = `
  MERGE (d:Document {id: $id})
  ON CREATE SET d.createdAt = datetime()
  SET d.title = $title, d.text = $text, d.domain = $domain, d.source = $source,
      d.contentHash = $contentHash, d.updatedAt = datetime()
  MERGE (dom:Domain {name: $domain})
  MERGE (d)-[:IN_DOMAIN]->(dom)
  WITH d
  OPTIONAL MATCH (d)-[stale:IN_DOMAIN]->(other:Domain)
  WHERE other.name <> $domain
  DELETE stale
`;

// Entities the document alone mentioned go with it (orphans); Domain nodes stay.
const DELETE_DOCUMENT = `
  MATCH (d:Document {id: $id})
  OPTIONAL MATCH (d)-[:MENTIONS]->(e:Entity)
  WITH d, collect(e) AS mentioned
  DETACH DELETE d
  WITH mentioned
  UNWIND mentioned AS e
  WITH e WHERE NOT (e)<-[:MENTIONS]-(:Document)
  DETACH DELETE e
  RETURN count(e) AS orphans
`;

const DOCUMENT_EXISTS = 'MATCH (d:Document {id: $id}) RETURN count(d) AS n';

const GET_DOCUMENT = `
  MATCH (d:Document {id: $id})
  RETURN d {.id, .title, .text, .domain, .source, .contentHash} AS document
`;

export type { QueryObserver } from './transactions.ts';

export type Neo4jGraphStoreOptions = Neo4jTransactionOptions;

/**
 * The knowledge graph on Neo4j. Saves are idempotent (MERGE on the document id; race-free once
 * `migrate` has created the uniqueness constraints). The driver belongs to `driver.ts`: `close` leaves it open.
 */
export class Neo4jGraphStore implements GraphStore {
  readonly component = 'graph';
  readonly adapter = 'neo4j';
  readonly #transactions: Neo4jTransactions;

  constructor(options: Neo4jGraphStoreOptions) {
    this.#transactions = new Neo4jTransactions(options);
  }

  async saveDocument(document: KnowledgeDocument): Promise<void> {
    await this.#transactions.write('saveDocument', (tx) => tx.run(SAVE_DOCUMENT, storedDocumentFields(document)));
  }

  async getDocument(id: string): Promise<KnowledgeDocument | undefined> {
    const result = await this.#transactions.read('getDocument', (tx) => tx.run(GET_DOCUMENT, { id }));
    const document: unknown = result.records[0]?.get('document');
    return document === undefined ? undefined : toDocument(document);
  }

  async deleteDocument(id: string): Promise<boolean> {
    return this.#transactions.write('deleteDocument', async (tx) => {
      const found = await tx.run(DOCUMENT_EXISTS, { id });
      const count: unknown = found.records[0]?.get('n');
      await tx.run(DELETE_DOCUMENT, { id });
      return Number(count) > 0;
    });
  }

  async migrate(): Promise<void> {
    await runMigrations(this.#transactions);
  }

  async close(): Promise<void> {}

  async check(): Promise<void> {
    await this.#transactions.read('check', (tx) => tx.run('RETURN 1'));
  }
}

function toDocument(value: unknown): KnowledgeDocument {
  const { id, title, text, domain, source, contentHash } = (value ?? {}) as Record<string, unknown>;
  if (
    typeof id !== 'string' ||
    typeof title !== 'string' ||
    typeof text !== 'string' ||
    typeof contentHash !== 'string' ||
    !isDomain(domain)
  ) {
    throw new DependencyError('graph', `neo4j document '${String(id)}' is malformed`);
  }
  return { id, title, text, domain, ...(typeof source === 'string' ? { source } : {}), contentHash };
}
