/* eslint-disable @typescript-eslint/require-await -- synchronous SQLite behind an async port: `async` turns its throws into rejections */
import type { DatabaseSync, SQLInputValue } from 'node:sqlite';
import {
  CLAIM_KIND,
  CLAIM_RESOURCE,
  checkEvidence,
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
import { ConflictError, NotFoundError } from '#shared/errors';
import {
  knowledgeLimits,
  type KnowledgeLimits,
  type KnowledgeStore,
  type RelateOutcome,
} from '#shared/ports/knowledge-store';
import { graphOperation, parseStored } from './graph-operation.ts';
import { transaction } from './database.ts';
import { EmbeddedVersionedTable, sqlListQuery, type SqlListQuery } from './versioned-table.ts';
import { ensureEmbeddedSchema } from './schema.ts';

const CONCEPT_COLUMNS = ['id', 'name', 'description', 'domain', 'type', 'level', 'created_at', 'updated_at', 'version'];
const CLAIM_COLUMNS = [
  'id',
  'text',
  'domain',
  'confidence',
  'verified',
  'source',
  'created_at',
  'updated_at',
  'version',
];

/** SQLite's own lower() folds ASCII only; this folds like Neo4j's toLower, so searches match on both. */
const LOWER = 'knowledge_lower';

/**
 * Concepts, claims and evidence in the embedded SQLite, with the Neo4j adapter's rules. Every check and
 * the write it guards run in one transaction. Tables are created on construction.
 */
export class EmbeddedKnowledgeStore implements KnowledgeStore {
  readonly component = 'graph';
  readonly adapter = 'embedded';
  readonly concepts: EmbeddedVersionedTable<Concept, ConceptPatch, ConceptListQuery>;
  readonly claims: EmbeddedVersionedTable<Claim, ClaimPatch, ClaimListQuery>;
  readonly #database: DatabaseSync;
  readonly #limits: Required<KnowledgeLimits>;

  constructor(options: { database: DatabaseSync; limits?: KnowledgeLimits }) {
    this.#database = options.database;
    this.#limits = knowledgeLimits(options.limits);
    ensureEmbeddedSchema(this.#database);
    this.#database.function(LOWER, { deterministic: true }, (value) =>
      typeof value === 'string' ? value.toLowerCase() : null,
    );
    this.concepts = new EmbeddedVersionedTable(this.#database, {
      ...CONCEPT_RESOURCE,
      table: 'concepts',
      columns: CONCEPT_COLUMNS,
      values: conceptValues,
      listQuery: conceptListQuery,
      beforeDelete: (id) => {
        const documents = this.#database
          .prepare('SELECT count(*) AS count FROM document_concepts WHERE concept_id = ?')
          .get(id);
        const inUse = conceptInUse(id, {
          relations: this.#relationCount(id),
          documents: Number(documents?.count ?? 0),
          others: 0,
        });
        if (inUse !== undefined) throw new ConflictError(inUse);
      },
    });
    this.claims = new EmbeddedVersionedTable(this.#database, {
      ...CLAIM_RESOURCE,
      table: 'claims',
      columns: CLAIM_COLUMNS,
      values: claimValues,
      fields: ({ verified, ...row }) => ({ ...row, verified: verified === 1 }),
      listQuery: claimListQuery,
      // Claim-to-claim links and documents are not kept here, so nothing holds a claim: it goes, with its evidence.
      beforeDelete: (id) => {
        this.#database.prepare('DELETE FROM evidence WHERE claim_id = ?').run(id);
      },
    });
  }

  async relateConcepts(from: string, to: string, type: RelationType, strength: number): Promise<RelateOutcome> {
    if (from === to) throw selfRelationError();
    return graphOperation('relateConcepts', () =>
      transaction(this.#database, () => {
        const exists =
          this.#database
            .prepare('SELECT 1 FROM concept_relations WHERE from_id = ? AND to_id = ? AND type = ?')
            .get(from, to, type) !== undefined;
        const found = {
          fromExists: this.concepts.find(from) !== undefined,
          toExists: this.concepts.find(to) !== undefined,
          exists,
          relationCount: (id: string) => this.#relationCount(id),
        };
        checkRelation(from, to, found, this.#limits.maxRelationsPerConcept);
        this.#database
          .prepare(
            `INSERT INTO concept_relations (from_id, to_id, type, strength) VALUES (?, ?, ?, ?)
             ON CONFLICT (from_id, to_id, type) DO UPDATE SET strength = excluded.strength`,
          )
          .run(from, to, type, strength);
        const relation = parseStored(conceptRelationSchema, { from, to, type, strength }, 'relation');
        return { relation, created: !exists };
      }),
    );
  }

  async listRelations(conceptId: string): Promise<readonly ConceptRelation[]> {
    return graphOperation('listRelations', () => {
      if (this.concepts.find(conceptId) === undefined) throw notFound(CONCEPT_KIND, conceptId);
      const rows = this.#database
        .prepare(
          `SELECT from_id AS "from", to_id AS "to", type, strength FROM concept_relations
           WHERE from_id = ? OR to_id = ? ORDER BY from_id, to_id, type`,
        )
        .all(conceptId, conceptId);
      return rows.map((row) => parseStored(conceptRelationSchema, row, 'relation'));
    });
  }

  async unrelateConcepts(from: string, to: string, type: RelationType): Promise<void> {
    const { changes } = graphOperation('unrelateConcepts', () =>
      this.#database
        .prepare('DELETE FROM concept_relations WHERE from_id = ? AND to_id = ? AND type = ?')
        .run(from, to, type),
    );
    if (Number(changes) === 0) throw new NotFoundError(`No '${type}' relation from '${from}' to '${to}'`);
  }

  async addEvidence(evidence: Evidence): Promise<void> {
    graphOperation('addEvidence', () =>
      transaction(this.#database, () => {
        const held = () =>
          Number(
            this.#database.prepare('SELECT count(*) AS count FROM evidence WHERE claim_id = ?').get(evidence.claimId)
              ?.count,
          );
        const found = { exists: this.claims.find(evidence.claimId) !== undefined, held };
        checkEvidence(evidence.claimId, found, this.#limits.maxEvidencePerClaim);
        this.#database
          .prepare(
            'INSERT INTO evidence (id, claim_id, text, source, confidence, created_at) VALUES (?, ?, ?, ?, ?, ?)',
          )
          .run(evidence.id, evidence.claimId, evidence.text, evidence.source, evidence.confidence, evidence.createdAt);
      }),
    );
  }

  async listEvidence(claimId: string): Promise<readonly Evidence[]> {
    return graphOperation('listEvidence', () => {
      if (this.claims.find(claimId) === undefined) throw notFound(CLAIM_KIND, claimId);
      const rows = this.#database
        .prepare(
          `SELECT id, claim_id AS claimId, text, source, confidence, created_at AS createdAt FROM evidence
           WHERE claim_id = ? ORDER BY created_at, id`,
        )
        .all(claimId);
      return rows.map((row) => parseStored(evidenceSchema, row, 'evidence'));
    });
  }

  async check(): Promise<void> {
    graphOperation('check', () => this.#database.prepare('SELECT 1 FROM concepts LIMIT 1').get());
  }

  #relationCount(id: string): number {
    const row = this.#database
      .prepare('SELECT count(*) AS count FROM concept_relations WHERE from_id = ? OR to_id = ?')
      .get(id, id);
    return Number(row?.count ?? 0);
  }
}

function conceptListQuery(query: ConceptListQuery): SqlListQuery {
  const { domain, nameContains, after, limit } = resolveConceptQuery(query);
  return sqlListQuery('name, id', limit, [
    ['domain = ?', domain],
    [`instr(${LOWER}(name), ${LOWER}(?)) > 0`, nameContains],
    ['(name, id) > (?, ?)', after && [after.name, after.id]],
  ]);
}

function claimListQuery(query: ClaimListQuery): SqlListQuery {
  const { domain, verified, textContains, before, limit } = resolveClaimQuery(query);
  return sqlListQuery('created_at DESC, id DESC', limit, [
    ['domain = ?', domain],
    ['verified = ?', verified === undefined ? undefined : Number(verified)],
    [`instr(${LOWER}(text), ${LOWER}(?)) > 0`, textContains],
    ['(created_at, id) < (?, ?)', before && [before.createdAt, before.id]],
  ]);
}

function conceptValues(concept: Concept): SQLInputValue[] {
  return [
    concept.id,
    concept.name,
    concept.description ?? null,
    concept.domain,
    concept.type,
    concept.level ?? null,
    concept.createdAt,
    concept.updatedAt,
    concept.version,
  ];
}

function claimValues(claim: Claim): SQLInputValue[] {
  return [
    claim.id,
    claim.text,
    claim.domain,
    claim.confidence ?? null,
    claim.verified ? 1 : 0,
    claim.source ?? null,
    claim.createdAt,
    claim.updatedAt,
    claim.version,
  ];
}
