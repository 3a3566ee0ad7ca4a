import neo4j, { type ManagedTransaction, type Record as Neo4jRecord } from 'neo4j-driver';
import {
  CLAIM_LIMITS,
  claimInUse,
  claimPage,
  claimSchema,
  evidenceSchema,
  resolveClaimQuery,
  tooMuchEvidenceError,
  type Claim,
  type ClaimChanges,
  type ClaimListQuery,
  type ClaimPage,
  type ClaimPatch,
  type Evidence,
} from '#shared/domain/claims';
import {
  CONCEPT_LIMITS,
  compareRelations,
  conceptInUse,
  conceptPage,
  conceptRelationSchema,
  conceptSchema,
  resolveConceptQuery,
  selfRelationError,
  tooManyRelationsError,
  type Concept,
  type ConceptChanges,
  type ConceptListQuery,
  type ConceptPage,
  type ConceptPatch,
  type ConceptRelation,
  type RelationType,
} from '#shared/domain/concepts';
import { ConflictError, NotFoundError } from '#shared/errors';
import type { KnowledgeLimits, KnowledgeStore } from '#shared/ports/knowledge-store';
import * as cypher from './knowledge-queries.ts';
import { Neo4jTransactions, type Neo4jTransactionOptions } from './transactions.ts';
import { parse, plain } from './values.ts';

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
  readonly #transactions: Neo4jTransactions;
  readonly #maxRelations: number;
  readonly #maxEvidence: number;

  constructor(options: Neo4jKnowledgeStoreOptions) {
    this.#transactions = new Neo4jTransactions(options);
    this.#maxRelations = options.limits?.maxRelationsPerConcept ?? CONCEPT_LIMITS.maxRelationsPerConcept;
    this.#maxEvidence = options.limits?.maxEvidencePerClaim ?? CLAIM_LIMITS.maxEvidencePerClaim;
  }

  async createConcept(concept: Concept): Promise<void> {
    await this.#transactions.write('createConcept', (tx) =>
      tx.run(cypher.CREATE_CONCEPT, { concept: { ...properties(concept), version: neo4j.int(concept.version) } }),
    );
  }

  async getConcept(id: string): Promise<Concept | undefined> {
    const record = await this.#transactions.read('getConcept', (tx) => first(tx, cypher.GET_CONCEPT, { id }));
    return record === undefined ? undefined : parse(conceptSchema, record.get('concept'), 'concept');
  }

  async updateConcept(id: string, changes: ConceptChanges, expectedVersion?: number): Promise<Concept> {
    const record = await this.#transactions.write('updateConcept', (tx) =>
      first(tx, cypher.UPDATE_CONCEPT, {
        id,
        fields: changedFields(changes, CONCEPT_FIELDS),
        updatedAt: changes.updatedAt,
        expectedVersion: expectedVersion === undefined ? null : neo4j.int(expectedVersion),
      }),
    );
    if (record === undefined) throw new NotFoundError(`No concept '${id}'`);
    checkVersion(record, 'Concept', id, expectedVersion);
    return parse(conceptSchema, record.get('concept'), 'concept');
  }

  async deleteConcept(id: string): Promise<void> {
    const record = await this.#transactions.write('deleteConcept', (tx) => first(tx, cypher.DELETE_CONCEPT, { id }));
    if (record === undefined) throw new NotFoundError(`No concept '${id}'`);
    const links = {
      relations: count(record.get('relations')),
      documents: count(record.get('documents')),
      others: count(record.get('others')),
    };
    const inUse = conceptInUse(id, links);
    if (inUse !== undefined) throw new ConflictError(inUse);
  }

  async listConcepts(query: ConceptListQuery): Promise<ConceptPage> {
    const resolved = resolveConceptQuery(query);
    const records = await this.#transactions.read('listConcepts', async (tx) => {
      const result = await tx.run(cypher.LIST_CONCEPTS, {
        domain: resolved.domain ?? null,
        nameContains: resolved.nameContains ?? null,
        afterName: resolved.after?.name ?? null,
        afterId: resolved.after?.id ?? null,
        limit: neo4j.int(resolved.limit + 1),
      });
      return result.records;
    });
    const rows = records.map((record) => parse(conceptSchema, record.get('concept'), 'concept'));
    return conceptPage(rows, query);
  }

  async relateConcepts(from: string, to: string, type: RelationType, strength: number): Promise<ConceptRelation> {
    if (from === to) throw selfRelationError();
    const parameters = { from, to, type, strength };
    const stored = await this.#transactions.write('relateConcepts', async (tx) => {
      const check = await first(tx, cypher.PREPARE_RELATION, parameters);
      if (check?.get('fromExists') !== true) throw new NotFoundError(`No concept '${from}'`);
      if (check.get('toExists') !== true) throw new NotFoundError(`No concept '${to}'`);
      if (check.get('exists') !== true) {
        for (const [id, field] of [
          [from, 'fromRelations'],
          [to, 'toRelations'],
        ] as const) {
          if (count(check.get(field)) >= this.#maxRelations) throw tooManyRelationsError(id, this.#maxRelations);
        }
      }
      const result = await tx.run(cypher.RELATE_CONCEPTS, parameters);
      return result.records[0]?.get('strength') as unknown;
    });
    return parse(conceptRelationSchema, { from, to, type, strength: stored }, 'relation');
  }

  async listRelations(conceptId: string): Promise<readonly ConceptRelation[]> {
    const record = await this.#transactions.read('listRelations', (tx) =>
      first(tx, cypher.LIST_RELATIONS, { id: conceptId }),
    );
    if (record === undefined) throw new NotFoundError(`No concept '${conceptId}'`);
    const relations = record.get('relations') as unknown[];
    return relations.map((relation) => parse(conceptRelationSchema, relation, 'relation')).sort(compareRelations);
  }

  async unrelateConcepts(from: string, to: string, type: RelationType): Promise<void> {
    const record = await this.#transactions.write('unrelateConcepts', (tx) =>
      first(tx, cypher.UNRELATE_CONCEPTS, { from, to, type }),
    );
    if (count(record?.get('removed')) === 0) throw new NotFoundError(`No '${type}' relation from '${from}' to '${to}'`);
  }

  async createClaim(claim: Claim): Promise<void> {
    await this.#transactions.write('createClaim', (tx) =>
      tx.run(cypher.CREATE_CLAIM, { claim: { ...properties(claim), version: neo4j.int(claim.version) } }),
    );
  }

  async getClaim(id: string): Promise<Claim | undefined> {
    const record = await this.#transactions.read('getClaim', (tx) => first(tx, cypher.GET_CLAIM, { id }));
    return record === undefined ? undefined : parse(claimSchema, record.get('claim'), 'claim');
  }

  async updateClaim(id: string, changes: ClaimChanges, expectedVersion?: number): Promise<Claim> {
    const record = await this.#transactions.write('updateClaim', (tx) =>
      first(tx, cypher.UPDATE_CLAIM, {
        id,
        fields: changedFields(changes, CLAIM_FIELDS),
        updatedAt: changes.updatedAt,
        expectedVersion: expectedVersion === undefined ? null : neo4j.int(expectedVersion),
      }),
    );
    if (record === undefined) throw new NotFoundError(`No claim '${id}'`);
    checkVersion(record, 'Claim', id, expectedVersion);
    return parse(claimSchema, record.get('claim'), 'claim');
  }

  async deleteClaim(id: string): Promise<void> {
    const record = await this.#transactions.write('deleteClaim', (tx) => first(tx, cypher.DELETE_CLAIM, { id }));
    if (record === undefined) throw new NotFoundError(`No claim '${id}'`);
    const links = {
      claims: count(record.get('claims')),
      documents: count(record.get('documents')),
      others: count(record.get('others')),
    };
    const inUse = claimInUse(id, links);
    if (inUse !== undefined) throw new ConflictError(inUse);
  }

  async listClaims(query: ClaimListQuery): Promise<ClaimPage> {
    const resolved = resolveClaimQuery(query);
    const records = await this.#transactions.read('listClaims', async (tx) => {
      const result = await tx.run(cypher.LIST_CLAIMS, {
        domain: resolved.domain ?? null,
        verified: resolved.verified ?? null,
        textContains: resolved.textContains ?? null,
        beforeAt: resolved.before?.createdAt ?? null,
        beforeId: resolved.before?.id ?? null,
        limit: neo4j.int(resolved.limit + 1),
      });
      return result.records;
    });
    const rows = records.map((record) => parse(claimSchema, record.get('claim'), 'claim'));
    return claimPage(rows, query);
  }

  async addEvidence(evidence: Evidence): Promise<void> {
    const { claimId, ...fields } = evidence;
    await this.#transactions.write('addEvidence', async (tx) => {
      const check = await first(tx, cypher.PREPARE_EVIDENCE, { claimId });
      if (check === undefined) throw new NotFoundError(`No claim '${claimId}'`);
      if (count(check.get('evidence')) >= this.#maxEvidence) throw tooMuchEvidenceError(claimId, this.#maxEvidence);
      await tx.run(cypher.ADD_EVIDENCE, { claimId, evidence: properties(fields) });
    });
  }

  async listEvidence(claimId: string): Promise<readonly Evidence[]> {
    const record = await this.#transactions.read('listEvidence', (tx) => first(tx, cypher.LIST_EVIDENCE, { claimId }));
    if (record === undefined) throw new NotFoundError(`No claim '${claimId}'`);
    const evidence = record.get('evidence') as unknown[];
    return evidence.map((item) => parse(evidenceSchema, item, 'evidence'));
  }

  async check(): Promise<void> {
    await this.#transactions.read('check', (tx) => tx.run('RETURN 1'));
  }
}

async function first(
  tx: ManagedTransaction,
  query: string,
  parameters: Record<string, unknown>,
): Promise<Neo4jRecord | undefined> {
  const result = await tx.run(query, parameters);
  return result.records[0];
}

const CONCEPT_FIELDS: readonly string[] = [
  'name',
  'description',
  'domain',
  'type',
  'level',
] satisfies (keyof ConceptPatch)[];
const CLAIM_FIELDS: readonly string[] = [
  'text',
  'domain',
  'confidence',
  'verified',
  'source',
] satisfies (keyof ClaimPatch)[];

/**
 * The patch's changeable fields only (never id, version or times, whatever the object carries): an absent
 * field stays absent, a null one stays null, which removes the property.
 */
function changedFields(patch: object, fields: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(patch).filter(([key, value]) => fields.includes(key) && value !== undefined),
  );
}

/** Node properties: a key whose value is undefined is left out, as the domain object means. */
function properties(record: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
}

function checkVersion(record: Neo4jRecord, kind: string, id: string, expectedVersion: number | undefined): void {
  if (record.get('matches') === true) return;
  throw new ConflictError(
    `${kind} '${id}' is at version ${count(record.get('current'))}, not ${String(expectedVersion)}: ` +
      'read it again and reapply your change',
  );
}

function count(value: unknown): number {
  const number = plain(value);
  return typeof number === 'number' ? number : 0;
}
