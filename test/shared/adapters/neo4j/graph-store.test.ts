import type { RecordShape } from 'neo4j-driver-lite';
import { describe, expect, it } from 'vitest';
import { neo4jDriver } from '#shared/adapters/neo4j/driver';
import { Neo4jGraphStore } from '#shared/adapters/neo4j/graph-store';
import { DependencyError } from '#shared/errors';
import { describeGraphStoreContract, uniqueDocument } from '../../../contracts/graph-store.contract.ts';
import { graphRows, neo4jTestSettings, schemaTypes, useMigratedNeo4j } from './neo4j-env.ts';

const settings = neo4jTestSettings();
const driver = useMigratedNeo4j(settings);

describeGraphStoreContract('neo4j', () =>
  Promise.resolve({ store: new Neo4jGraphStore({ driver: () => neo4jDriver(settings) }) }),
);

const rows = <Row extends RecordShape>(query: string, parameters?: Record<string, unknown>) =>
  graphRows<Row>(driver(), query, parameters);

async function countsFor(id: string): Promise<{ nodes: number; edges: number; domains: string[] } | undefined> {
  const [counts] = await rows<{ nodes: number; edges: number; domains: string[] }>(
    `MATCH (d:Document {id: $id})
     OPTIONAL MATCH (d)-[:IN_DOMAIN]->(dom:Domain)
     RETURN count(DISTINCT d) AS nodes, count(dom) AS edges, collect(dom.name) AS domains`,
    { id },
  );
  return counts;
}

describe('Neo4jGraphStore', () => {
  it('leaves one Document node and one IN_DOMAIN edge when a document is saved twice', async () => {
    // Prepare
    const store = new Neo4jGraphStore({ driver: driver() });
    const document = uniqueDocument();
    await store.saveDocument(document);

    // Act
    await store.saveDocument({ ...document, title: 'Revised title' });

    // Assess
    expect(await countsFor(document.id)).toEqual({ nodes: 1, edges: 1, domains: [document.domain] });
  });

  it('leaves one Document node when the same document is saved concurrently', async () => {
    // Prepare
    const store = new Neo4jGraphStore({ driver: driver() });
    const document = uniqueDocument();

    // Act
    await Promise.all(Array.from({ length: 8 }, () => store.saveDocument(document)));

    // Assess
    expect(await countsFor(document.id)).toEqual({ nodes: 1, edges: 1, domains: [document.domain] });
  });

  it('keeps only the edge to the new domain when a document changes domain', async () => {
    // Prepare
    const store = new Neo4jGraphStore({ driver: driver() });
    const document = uniqueDocument({ domain: 'history' });
    await store.saveDocument(document);

    // Act
    await store.saveDocument({ ...document, domain: 'science' });

    // Assess
    expect(await countsFor(document.id)).toEqual({ nodes: 1, edges: 1, domains: ['science'] });
  });

  it('keeps createdAt and moves updatedAt when a document is saved again', async () => {
    // Prepare
    const store = new Neo4jGraphStore({ driver: driver() });
    const document = uniqueDocument();
    await store.saveDocument(document);
    await rows(
      `MATCH (d:Document {id: $id})
       SET d.createdAt = datetime('2000-01-01T00:00:00Z'), d.updatedAt = datetime('2000-01-01T00:00:00Z')`,
      { id: document.id },
    );

    // Act
    await store.saveDocument(document);

    // Assess
    const stamps = await rows<{ createdAt: string; moved: boolean }>(
      `MATCH (d:Document {id: $id})
       RETURN toString(d.createdAt) AS createdAt, d.updatedAt > datetime('2000-01-01T00:00:00Z') AS moved`,
      { id: document.id },
    );
    expect(stamps).toEqual([{ createdAt: '2000-01-01T00:00:00Z', moved: true }]);
  });

  it('creates the uniqueness constraints and the document indexes on migrate', async () => {
    // Prepare
    const store = new Neo4jGraphStore({ driver: driver() });

    // Act
    await store.migrate();

    // Assess
    expect(await schemaTypes(driver(), 'SHOW CONSTRAINTS')).toMatchObject({
      document_id: 'UNIQUENESS',
      concept_id: 'UNIQUENESS',
      claim_id: 'UNIQUENESS',
      source_id: 'UNIQUENESS',
      domain_name: 'UNIQUENESS',
    });
    expect(await schemaTypes(driver(), 'SHOW INDEXES')).toMatchObject({
      document_domain: 'RANGE',
      document_text: 'FULLTEXT',
    });
  });

  it('migrates from several containers at once without failing', async () => {
    // Prepare
    const stores = Array.from({ length: 4 }, () => new Neo4jGraphStore({ driver: driver() }));

    // Act
    const migrations = Promise.all(stores.map((store) => store.migrate()));

    // Assess
    await expect(migrations).resolves.toHaveLength(4);
  });

  it('finds a saved document through the full-text index', async () => {
    // Prepare
    const store = new Neo4jGraphStore({ driver: driver() });
    const word = `runestone${Date.now()}${Math.floor(Math.random() * 1e6)}`;
    const document = uniqueDocument({ text: `A ${word} stands by the well of Urd.` });

    // Act
    await store.saveDocument(document);

    // Assess
    const found = await rows<{ id: string }>(
      "CALL db.index.fulltext.queryNodes('document_text', $word) YIELD node RETURN node.id AS id",
      { word },
    );
    expect(found).toEqual([{ id: document.id }]);
  });

  it('reports each query with its type, a duration and its outcome', async () => {
    // Prepare
    const reports: { queryType: string; durationMs: number; ok: boolean }[] = [];
    const store = new Neo4jGraphStore({
      driver: driver(),
      onQuery: (queryType, durationMs, ok) => reports.push({ queryType, durationMs, ok }),
    });
    const document = uniqueDocument();

    // Act
    await store.saveDocument(document);
    await store.getDocument(document.id);

    // Assess
    expect(reports.map(({ queryType, ok }) => ({ queryType, ok }))).toEqual([
      { queryType: 'saveDocument', ok: true },
      { queryType: 'getDocument', ok: true },
    ]);
    expect(reports.every((report) => report.durationMs > 0)).toBe(true);
  });

  it('reports a failed query as not ok', async () => {
    // Prepare
    const reports: boolean[] = [];
    const store = new Neo4jGraphStore({
      driver: driver(),
      database: 'nosuchdatabase',
      onQuery: (_queryType, _durationMs, ok) => reports.push(ok),
    });

    // Act
    await store.check().catch(() => undefined);

    // Assess
    expect(reports).toEqual([false]);
  });

  it('wraps a driver error in a DependencyError that keeps the cause', async () => {
    // Prepare
    const store = new Neo4jGraphStore({ driver: driver(), database: 'nosuchdatabase' });

    // Act
    const failure = await store.getDocument('doc_any').catch((error: unknown) => error);

    // Assess
    expect(failure).toBeInstanceOf(DependencyError);
    expect((failure as DependencyError).cause).toHaveProperty('code', 'Neo.ClientError.Database.DatabaseNotFound');
  });

  it('leaves the driver open when closed', async () => {
    // Prepare
    const store = new Neo4jGraphStore({ driver: driver() });

    // Act
    await store.close();

    // Assess
    await expect(driver().getServerInfo()).resolves.toHaveProperty('address');
  });
});
