import neo4j, { type Config, type RecordShape } from 'neo4j-driver-lite';
import { describe, expect, it } from 'vitest';
import { neo4jDriver } from '#shared/adapters/neo4j/driver';
import { Neo4jKnowledgeStore } from '#shared/adapters/neo4j/knowledge-store';
import { runMigrations } from '#shared/adapters/neo4j/migrations';
import { Neo4jTransactions } from '#shared/adapters/neo4j/transactions';
import { newConceptId } from '#shared/domain/concepts';
import { ConflictError, DependencyError } from '#shared/errors';
import {
  aClaim,
  aConcept,
  anEvidence,
  describeKnowledgeStoreContract,
  uniqueWord,
} from '../../../contracts/knowledge-store.contract.ts';
import { graphRows, neo4jTestSettings, schemaTypes, useMigratedNeo4j } from './neo4j-env.ts';

const settings = neo4jTestSettings();
const driver = useMigratedNeo4j(settings);

describeKnowledgeStoreContract('neo4j', (limits) =>
  Promise.resolve({
    store: new Neo4jKnowledgeStore({ driver: () => neo4jDriver(settings), ...(limits && { limits }) }),
  }),
);

const rows = <Row extends RecordShape>(query: string, parameters?: Record<string, unknown>) =>
  graphRows<Row>(driver(), query, parameters);

describe('Neo4jKnowledgeStore', () => {
  it('creates the evidence constraint and the knowledge indexes on migrate', async () => {
    // Act
    await runMigrations(new Neo4jTransactions({ driver: driver() }));

    // Assess
    expect(await schemaTypes(driver(), 'SHOW CONSTRAINTS')).toMatchObject({
      concept_id: 'UNIQUENESS',
      claim_id: 'UNIQUENESS',
      evidence_id: 'UNIQUENESS',
    });
    expect(await schemaTypes(driver(), 'SHOW INDEXES')).toMatchObject({
      concept_name: 'RANGE',
      concept_domain: 'RANGE',
      claim_created: 'RANGE',
      claim_domain: 'RANGE',
      claim_verified: 'RANGE',
      concept_text: 'FULLTEXT',
      claim_text: 'FULLTEXT',
    });
  });

  it('stores a relation as one RELATES_TO with its type and strength as properties', async () => {
    // Prepare
    const store = new Neo4jKnowledgeStore({ driver: driver() });
    const [tree, well] = [aConcept(), aConcept()];
    for (const concept of [tree, well]) await store.concepts.create(concept);
    await store.relateConcepts(well.id, tree.id, 'part_of', 0.25);

    // Act
    await store.relateConcepts(well.id, tree.id, 'part_of', 0.75);

    // Assess
    const stored = await rows<{ kind: string; properties: Record<string, unknown> }>(
      `MATCH (:Concept {id: $from})-[r]->(:Concept {id: $to}) RETURN type(r) AS kind, properties(r) AS properties`,
      { from: well.id, to: tree.id },
    );
    expect(stored).toEqual([{ kind: 'RELATES_TO', properties: { relationship_type: 'part_of', strength: 0.75 } }]);
  });

  it('stores the version as an integer', async () => {
    // Prepare
    const store = new Neo4jKnowledgeStore({ driver: driver() });
    const concept = aConcept();
    await store.concepts.create(concept);

    // Act
    await store.concepts.update(concept.id, { name: 'Renamed', updatedAt: concept.updatedAt });

    // Assess
    const [row] = await rows<{ kind: string }>('MATCH (c:Concept {id: $id}) RETURN valueType(c.version) AS kind', {
      id: concept.id,
    });
    expect(row?.kind).toBe('INTEGER NOT NULL');
  });

  it('commits no lock property, whether a change is made or refused', async () => {
    // Prepare
    const store = new Neo4jKnowledgeStore({ driver: driver() });
    const [tree, well] = [aConcept(), aConcept()];
    for (const concept of [tree, well]) await store.concepts.create(concept);
    await store.relateConcepts(well.id, tree.id, 'part_of', 1);

    // Act
    await store.concepts.update(tree.id, { name: 'Renamed', updatedAt: tree.updatedAt });
    await store.concepts.update(tree.id, { name: 'Stale', updatedAt: tree.updatedAt }, 1).catch(() => undefined);
    await store.concepts.delete(tree.id).catch(() => undefined);

    // Assess
    const locked = await rows<{ id: string }>(
      'MATCH (c:Concept) WHERE c.id IN $ids AND c._lock IS NOT NULL RETURN c.id AS id',
      { ids: [tree.id, well.id] },
    );
    expect(locked).toEqual([]);
  });

  it('refuses to delete a concept a document contains, and says so', async () => {
    // Prepare
    const store = new Neo4jKnowledgeStore({ driver: driver() });
    const concept = aConcept();
    await store.concepts.create(concept);
    await rows('MATCH (c:Concept {id: $id}) CREATE (:Document {id: $documentId})-[:CONTAINS]->(c)', {
      id: concept.id,
      documentId: `doc_test_${uniqueWord()}`,
    });

    // Act
    const deletion = store.concepts.delete(concept.id);

    // Assess
    await expect(deletion).rejects.toThrow(ConflictError);
    await expect(deletion).rejects.toThrow('1 document that contains it');
    expect(await store.concepts.get(concept.id)).toStrictEqual(concept);
  });

  it('removes the Evidence nodes with the claim they support', async () => {
    // Prepare
    const store = new Neo4jKnowledgeStore({ driver: driver() });
    const claim = aClaim();
    await store.claims.create(claim);
    const evidence = [anEvidence(claim.id), anEvidence(claim.id)];
    for (const item of evidence) await store.addEvidence(item);

    // Act
    await store.claims.delete(claim.id);

    // Assess
    const left = await rows<{ count: number }>('MATCH (e:Evidence) WHERE e.id IN $ids RETURN count(e) AS count', {
      ids: evidence.map((item) => item.id),
    });
    expect(left).toEqual([{ count: 0 }]);
  });

  it.each([
    ['validates', 'MATCH (a:Claim {id: $id}), (b:Claim {id: $other}) CREATE (a)-[:VALIDATES]->(b)'],
    ['is contradicted by', 'MATCH (a:Claim {id: $id}), (b:Claim {id: $other}) CREATE (b)-[:CONTRADICTS]->(a)'],
  ])('refuses to delete a claim that %s another, and keeps its evidence', async (_link, link) => {
    // Prepare
    const store = new Neo4jKnowledgeStore({ driver: driver() });
    const [claim, other] = [aClaim(), aClaim()];
    for (const item of [claim, other]) await store.claims.create(item);
    const evidence = anEvidence(claim.id);
    await store.addEvidence(evidence);
    await rows(link, { id: claim.id, other: other.id });

    // Act
    const deletion = store.claims.delete(claim.id);

    // Assess
    await expect(deletion).rejects.toThrow(ConflictError);
    await expect(deletion).rejects.toThrow('1 claim it validates, contradicts or is checked by');
    expect(await store.claims.get(claim.id)).toStrictEqual(claim);
    expect(await store.listEvidence(claim.id)).toStrictEqual([evidence]);
  });

  it('finds a concept through the full-text index', async () => {
    // Prepare
    const store = new Neo4jKnowledgeStore({ driver: driver() });
    const word = uniqueWord();
    const concept = aConcept({ description: `A ${word} grows by the well of Urd.` });

    // Act
    await store.concepts.create(concept);

    // Assess
    const found = await rows<{ id: string }>(
      "CALL db.index.fulltext.queryNodes('concept_text', $word) YIELD node RETURN node.id AS id",
      { word },
    );
    expect(found).toEqual([{ id: concept.id }]);
  });

  it('leaves every other node alone when a hostile name is stored', async () => {
    // Prepare
    const store = new Neo4jKnowledgeStore({ driver: driver() });
    const [before] = await rows<{ count: number }>('MATCH (n) RETURN count(n) AS count');

    // Act
    await store.concepts.create(aConcept({ name: "x'}) MATCH (n) DETACH DELETE n //" }));

    // Assess
    const [after] = await rows<{ count: number }>('MATCH (n) RETURN count(n) AS count');
    expect(after?.count).toBeGreaterThanOrEqual((before?.count ?? 0) + 1);
  });

  it('reports each query with its type, a duration and its outcome', async () => {
    // Prepare
    const reports: { queryType: string; durationMs: number; ok: boolean }[] = [];
    const store = new Neo4jKnowledgeStore({
      driver: driver(),
      onQuery: (queryType, durationMs, ok) => reports.push({ queryType, durationMs, ok }),
    });
    const concept = aConcept();

    // Act
    await store.concepts.create(concept);
    await store.relateConcepts(concept.id, newConceptId(), 'is_a', 1).catch(() => undefined);

    // Assess
    expect(reports.map(({ queryType, ok }) => ({ queryType, ok }))).toEqual([
      { queryType: 'createConcept', ok: true },
      { queryType: 'relateConcepts', ok: false },
    ]);
    expect(reports.every((report) => report.durationMs > 0)).toBe(true);
  });

  it('reads a node it cannot understand as a dependency failure, not as data', async () => {
    // Prepare
    const store = new Neo4jKnowledgeStore({ driver: driver() });
    const concept = aConcept();
    await store.concepts.create(concept);
    await rows("MATCH (c:Concept {id: $id}) SET c.domain = 'astrology'", { id: concept.id });

    // Act
    const read = store.concepts.get(concept.id);

    // Assess
    await expect(read).rejects.toBeInstanceOf(DependencyError);
  });

  it('wraps a rejected query in a DependencyError that is not worth retrying', async () => {
    // Prepare
    const store = new Neo4jKnowledgeStore({ driver: driver(), database: 'nosuchdatabase' });

    // Act
    const failure = await store.concepts.get(newConceptId()).catch((error: unknown) => error);

    // Assess
    expect(failure).toBeInstanceOf(DependencyError);
    expect(failure).toMatchObject({ transient: false });
    expect((failure as DependencyError).cause).toHaveProperty('code', 'Neo.ClientError.Database.DatabaseNotFound');
  });

  it('wraps an unreachable server in a DependencyError worth retrying', async () => {
    // Prepare
    const noRetries: Pick<Config, 'maxTransactionRetryTime' | 'connectionTimeout'> = {
      maxTransactionRetryTime: 0,
      connectionTimeout: 1_000,
    };
    const unreachable = neo4j.driver('bolt://127.0.0.1:1', neo4j.auth.basic('neo4j', 'unused'), noRetries);
    const store = new Neo4jKnowledgeStore({ driver: unreachable });

    // Act
    const failure = await store.check().catch((error: unknown) => error);
    await unreachable.close();

    // Assess
    expect(failure).toBeInstanceOf(DependencyError);
    expect(failure).toMatchObject({ transient: true });
  });

  it('wraps a wait for a pooled connection that timed out in a DependencyError worth retrying', async () => {
    // Prepare
    const onePooled: Pick<
      Config,
      'maxConnectionPoolSize' | 'connectionAcquisitionTimeout' | 'maxTransactionRetryTime'
    > = { maxConnectionPoolSize: 1, connectionAcquisitionTimeout: 300, maxTransactionRetryTime: 0 };
    const pooled = neo4j.driver(settings.uri, neo4j.auth.basic(settings.username, settings.password ?? ''), onePooled);
    const holder = pooled.session();
    const held = await holder.beginTransaction();
    const store = new Neo4jKnowledgeStore({ driver: () => Promise.resolve(pooled) });

    // Act
    const failure = await store.check().catch((error: unknown) => error);
    await held.rollback();
    await holder.close();
    await pooled.close();

    // Assess
    expect(failure).toBeInstanceOf(DependencyError);
    expect(failure).toMatchObject({ transient: true });
    expect(String((failure as DependencyError).cause)).toMatch(/acquisition timed out/);
  });
});
