import type { Record as Neo4jRecord } from 'neo4j-driver-lite';
import {
  CLAIM_KIND,
  CLAIM_RESOURCE,
  checkEvidence,
  claimInUse,
  evidenceSchema,
  resolveClaimQuery,
  type Claim,
  type ClaimListQuery,
  type ClaimPatch,
  type Evidence,
} from '#shared/domain/claims';
import {
  CONCEPT_KIND,
  CONCEPT_RESOURCE,
  checkRelation,
  compareRelations,
  conceptInUse,
  conceptRelationSchema,
  resolveConceptQuery,
  selfRelationError,
  type Concept,
  type ConceptListQuery,
  type ConceptPatch,
  type ConceptRelation,
  type RelationType,
} from '#shared/domain/concepts';
import { notFound } from '#shared/domain/versioned';
import { NotFoundError } from '#shared/errors';
import {
  knowledgeLimits,
  type KnowledgeLimits,
  type KnowledgeStore,
  type RelateOutcome,
} from '#shared/ports/knowledge-store';
import * as cypher from './knowledge-queries.ts';
import { count, first, parse, properties } from './records.ts';
import { Neo4jTransactions, type Neo4jTransactionOptions } from './transactions.ts';
import { Neo4jVersionedNodes } from './versioned-nodes.ts';

export interface Neo4jKnowledgeStoreOptions extends Neo4jTransactionOptions {
  readonly limits?: KnowledgeLimits;
}

/**
 * Concepts, claims and evidence on Neo4j: `(:Concept)-[:RELATES_TO {relationship_type, strength}]->(:Concept)`
 * and `(:Claim)-[:SUPPORTED_BY]->(:Evidence)`. Ids are unique once the migrations have run. The driver
 * belongs to `driver.ts`.
 */
export class Neo4jKnowledgeStore implements KnowledgeStore {
  readonly component = 'graph';
  readonly adapter = 'neo4j';
  readonly concepts: Neo4jVersionedNodes<Concept, ConceptPatch, ConceptListQuery>;
  readonly claims: Neo4jVersionedNodes<Claim, ClaimPatch, ClaimListQuery>;
  readonly #transactions: Neo4jTransactions;
  readonly #limits: Required<KnowledgeLimits>;

  constructor(options: Neo4jKnowledgeStoreOptions) {
    this.#transactions = new Neo4jTransactions(options);
    this.#limits = knowledgeLimits(options.limits);
    this.concepts = new Neo4jVersionedNodes(this.#transactions, {
      ...CONCEPT_RESOURCE,
      projection: cypher.CONCEPT_FIELDS,
      deleteQuery: cypher.DELETE_CONCEPT,
      stillLinked: (id, record) => conceptInUse(id, links(record, 'relations', 'documents', 'others')),
      listQuery: cypher.LIST_CONCEPTS,
      listParameters: (query) => {
        const { after, limit, ...filters } = resolveConceptQuery(query);
        return { parameters: { ...filters, afterName: after?.name, afterId: after?.id }, limit };
      },
    });
    this.claims = new Neo4jVersionedNodes(this.#transactions, {
      ...CLAIM_RESOURCE,
      projection: cypher.CLAIM_FIELDS,
      deleteQuery: cypher.DELETE_CLAIM,
      stillLinked: (id, record) => claimInUse(id, links(record, 'claims', 'documents', 'others')),
      listQuery: cypher.LIST_CLAIMS,
      listParameters: (query) => {
        const { before, limit, ...filters } = resolveClaimQuery(query);
        return { parameters: { ...filters, beforeAt: before?.createdAt, beforeId: before?.id }, limit };
      },
    });
  }

  async relateConcepts(from: string, to: string, type: RelationType, strength: number): Promise<RelateOutcome> {
    if (from === to) throw selfRelationError();
    const parameters = { from, to, type, strength };
    const stored = await this.#transactions.write('relateConcepts', async (tx) => {
      const check = await first(tx, cypher.PREPARE_RELATION, parameters);
      const exists = check?.get('exists') === true;
      const found = {
        fromExists: check?.get('fromExists') === true,
        toExists: check?.get('toExists') === true,
        exists,
        relationCount: (id: string) => count(check?.get(id === from ? 'fromRelations' : 'toRelations')),
      };
      checkRelation(from, to, found, this.#limits.maxRelationsPerConcept);
      const result = await tx.run(cypher.RELATE_CONCEPTS, parameters);
      return { strength: result.records[0]?.get('strength') as unknown, created: !exists };
    });
    const relation = parse(conceptRelationSchema, { from, to, type, strength: stored.strength }, 'relation');
    return { relation, created: stored.created };
  }

  async listRelations(conceptId: string): Promise<readonly ConceptRelation[]> {
    const record = await this.#transactions.read('listRelations', (tx) =>
      first(tx, cypher.LIST_RELATIONS, { id: conceptId }),
    );
    if (record === undefined) throw notFound(CONCEPT_KIND, conceptId);
    const relations = record.get('relations') as unknown[];
    return relations.map((relation) => parse(conceptRelationSchema, relation, 'relation')).sort(compareRelations);
  }

  async unrelateConcepts(from: string, to: string, type: RelationType): Promise<void> {
    const record = await this.#transactions.write('unrelateConcepts', (tx) =>
      first(tx, cypher.UNRELATE_CONCEPTS, { from, to, type }),
    );
    if (count(record?.get('removed')) === 0) throw new NotFoundError(`No '${type}' relation from '${from}' to '${to}'`);
  }

  async addEvidence(evidence: Evidence): Promise<void> {
    const { claimId, ...fields } = evidence;
    await this.#transactions.write('addEvidence', async (tx) => {
      const check = await first(tx, cypher.PREPARE_EVIDENCE, { claimId });
      const found = { exists: check !== undefined, held: () => count(check?.get('evidence')) };
      checkEvidence(claimId, found, this.#limits.maxEvidencePerClaim);
      await tx.run(cypher.ADD_EVIDENCE, { claimId, evidence: properties(fields) });
    });
  }

  async listEvidence(claimId: string): Promise<readonly Evidence[]> {
    const record = await this.#transactions.read('listEvidence', (tx) => first(tx, cypher.LIST_EVIDENCE, { claimId }));
    if (record === undefined) throw notFound(CLAIM_KIND, claimId);
    const evidence = record.get('evidence') as unknown[];
    return evidence.map((item) => parse(evidenceSchema, item, 'evidence'));
  }

  async check(): Promise<void> {
    await this.#transactions.read('check', (tx) => tx.run('RETURN 1'));
  }
}

/** The link counts a delete query returned, by name. */
function links<K extends string>(record: Neo4jRecord, ...names: K[]): Record<K, number> {
  return Object.fromEntries(names.map((name) => [name, count(record.get(name))])) as Record<K, number>;
}
