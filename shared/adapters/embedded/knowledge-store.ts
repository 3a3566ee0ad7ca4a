/* eslint-disable @typescript-eslint/require-await -- synchronous SQLite behind an async port: `async` turns its throws into rejections */
import type { DatabaseSync, SQLInputValue } from 'node:sqlite';
import type * as z from 'zod';
import {
  applyClaimChanges,
  CLAIM_LIMITS,
  claimPage,
  claimSchema,
  evidenceSchema,
  resolveClaimQuery,
  tooMuchEvidenceError,
  type Claim,
  type ClaimChanges,
  type ClaimListQuery,
  type ClaimPage,
  type Evidence,
} from '#shared/domain/claims';
import {
  applyConceptChanges,
  CONCEPT_LIMITS,
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
  type ConceptRelation,
  type RelationType,
} from '#shared/domain/concepts';
import { ConflictError, DependencyError, HttpError, NotFoundError } from '#shared/errors';
import type { KnowledgeLimits, KnowledgeStore } from '#shared/ports/knowledge-store';
import { transaction } from './database.ts';
import { DOCUMENT_KNOWLEDGE_SCHEMA } from './document-knowledge-schema.ts';

export const SCHEMA = `
  CREATE TABLE IF NOT EXISTS concepts (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    description TEXT,
    domain TEXT NOT NULL,
    type TEXT NOT NULL,
    level TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL
  );
  CREATE INDEX IF NOT EXISTS concepts_by_name ON concepts (name, id);
  CREATE INDEX IF NOT EXISTS concepts_by_domain ON concepts (domain, name, id);
  CREATE TABLE IF NOT EXISTS concept_relations (
    from_id TEXT NOT NULL,
    to_id TEXT NOT NULL,
    type TEXT NOT NULL,
    strength REAL NOT NULL,
    PRIMARY KEY (from_id, to_id, type)
  );
  CREATE INDEX IF NOT EXISTS concept_relations_by_to ON concept_relations (to_id);
  CREATE TABLE IF NOT EXISTS claims (
    id TEXT PRIMARY KEY,
    text TEXT NOT NULL,
    domain TEXT NOT NULL,
    confidence REAL,
    verified INTEGER NOT NULL,
    source TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL
  );
  CREATE INDEX IF NOT EXISTS claims_by_created ON claims (created_at, id);
  CREATE TABLE IF NOT EXISTS evidence (
    id TEXT PRIMARY KEY,
    claim_id TEXT NOT NULL,
    text TEXT NOT NULL,
    source TEXT NOT NULL,
    confidence REAL NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS evidence_by_claim ON evidence (claim_id, created_at, id);
`;

const CONCEPT_COLUMNS = 'id, name, description, domain, type, level, created_at, updated_at, version';
const CLAIM_COLUMNS = 'id, text, domain, confidence, verified, source, created_at, updated_at, version';

/** SQLite's own lower() folds ASCII only; this folds like Neo4j's toLower, so searches match on both. */
const LOWER = 'knowledge_lower';

const SQLITE_CONSTRAINT = 19;
const SQLITE_BUSY = 5;

/**
 * Concepts, claims and evidence in the embedded SQLite, with the Neo4j adapter's rules. Every check and
 * the write it guards run in one transaction. Tables are created on construction.
 */
export class EmbeddedKnowledgeStore implements KnowledgeStore {
  readonly component = 'graph';
  readonly adapter = 'embedded';
  readonly #database: DatabaseSync;
  readonly #maxRelations: number;
  readonly #maxEvidence: number;

  constructor(options: { database: DatabaseSync; limits?: KnowledgeLimits }) {
    this.#database = options.database;
    this.#maxRelations = options.limits?.maxRelationsPerConcept ?? CONCEPT_LIMITS.maxRelationsPerConcept;
    this.#maxEvidence = options.limits?.maxEvidencePerClaim ?? CLAIM_LIMITS.maxEvidencePerClaim;
    this.#database.exec(SCHEMA);
    this.#database.exec(DOCUMENT_KNOWLEDGE_SCHEMA);
    this.#database.function(LOWER, { deterministic: true }, (value) =>
      typeof value === 'string' ? value.toLowerCase() : null,
    );
  }

  async createConcept(concept: Concept): Promise<void> {
    this.#run('createConcept', () =>
      this.#database
        .prepare(`INSERT INTO concepts (${CONCEPT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
        .run(...conceptValues(concept)),
    );
  }

  async getConcept(id: string): Promise<Concept | undefined> {
    return this.#run('getConcept', () => this.#concept(id));
  }

  async updateConcept(id: string, changes: ConceptChanges, expectedVersion?: number): Promise<Concept> {
    return this.#run('updateConcept', () =>
      transaction(this.#database, () => {
        const concept = this.#concept(id);
        if (concept === undefined) throw new NotFoundError(`No concept '${id}'`);
        checkVersion('Concept', id, concept.version, expectedVersion);
        const updated = applyConceptChanges(concept, changes);
        this.#database
          .prepare(`REPLACE INTO concepts (${CONCEPT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
          .run(...conceptValues(updated));
        return updated;
      }),
    );
  }

  async deleteConcept(id: string): Promise<void> {
    this.#run('deleteConcept', () =>
      transaction(this.#database, () => {
        if (this.#concept(id) === undefined) throw new NotFoundError(`No concept '${id}'`);
        const documents = this.#database
          .prepare('SELECT count(*) AS count FROM document_concepts WHERE concept_id = ?')
          .get(id);
        const inUse = conceptInUse(id, {
          relations: this.#relationCount(id),
          documents: Number(documents?.count ?? 0),
          others: 0,
        });
        if (inUse !== undefined) throw new ConflictError(inUse);
        this.#database.prepare('DELETE FROM concepts WHERE id = ?').run(id);
      }),
    );
  }

  async listConcepts(query: ConceptListQuery): Promise<ConceptPage> {
    const resolved = resolveConceptQuery(query);
    const conditions: string[] = [];
    const values: SQLInputValue[] = [];
    if (resolved.domain !== undefined) {
      conditions.push('domain = ?');
      values.push(resolved.domain);
    }
    if (resolved.nameContains !== undefined) {
      conditions.push(`instr(${LOWER}(name), ${LOWER}(?)) > 0`);
      values.push(resolved.nameContains);
    }
    if (resolved.after !== undefined) {
      conditions.push('(name, id) > (?, ?)');
      values.push(resolved.after.name, resolved.after.id);
    }
    const where = conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`;
    const rows = this.#run('listConcepts', () =>
      this.#database
        .prepare(`SELECT ${CONCEPT_COLUMNS} FROM concepts ${where} ORDER BY name, id LIMIT ?`)
        .all(...values, resolved.limit + 1),
    );
    return conceptPage(
      rows.map((row) => parse(conceptSchema, conceptFields(row), 'concept')),
      query,
    );
  }

  async relateConcepts(from: string, to: string, type: RelationType, strength: number): Promise<ConceptRelation> {
    if (from === to) throw selfRelationError();
    return this.#run('relateConcepts', () =>
      transaction(this.#database, () => {
        for (const id of [from, to]) {
          if (this.#concept(id) === undefined) throw new NotFoundError(`No concept '${id}'`);
        }
        const exists = this.#database
          .prepare('SELECT 1 FROM concept_relations WHERE from_id = ? AND to_id = ? AND type = ?')
          .get(from, to, type);
        if (exists === undefined) {
          for (const id of [from, to]) {
            if (this.#relationCount(id) >= this.#maxRelations) throw tooManyRelationsError(id, this.#maxRelations);
          }
        }
        this.#database
          .prepare(
            `INSERT INTO concept_relations (from_id, to_id, type, strength) VALUES (?, ?, ?, ?)
             ON CONFLICT (from_id, to_id, type) DO UPDATE SET strength = excluded.strength`,
          )
          .run(from, to, type, strength);
        return parse(conceptRelationSchema, { from, to, type, strength }, 'relation');
      }),
    );
  }

  async listRelations(conceptId: string): Promise<readonly ConceptRelation[]> {
    return this.#run('listRelations', () => {
      if (this.#concept(conceptId) === undefined) throw new NotFoundError(`No concept '${conceptId}'`);
      const rows = this.#database
        .prepare(
          `SELECT from_id AS "from", to_id AS "to", type, strength FROM concept_relations
           WHERE from_id = ? OR to_id = ? ORDER BY from_id, to_id, type`,
        )
        .all(conceptId, conceptId);
      return rows.map((row) => parse(conceptRelationSchema, row, 'relation'));
    });
  }

  async unrelateConcepts(from: string, to: string, type: RelationType): Promise<void> {
    const { changes } = this.#run('unrelateConcepts', () =>
      this.#database
        .prepare('DELETE FROM concept_relations WHERE from_id = ? AND to_id = ? AND type = ?')
        .run(from, to, type),
    );
    if (Number(changes) === 0) throw new NotFoundError(`No '${type}' relation from '${from}' to '${to}'`);
  }

  async createClaim(claim: Claim): Promise<void> {
    this.#run('createClaim', () =>
      this.#database
        .prepare(`INSERT INTO claims (${CLAIM_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
        .run(...claimValues(claim)),
    );
  }

  async getClaim(id: string): Promise<Claim | undefined> {
    return this.#run('getClaim', () => this.#claim(id));
  }

  async updateClaim(id: string, changes: ClaimChanges, expectedVersion?: number): Promise<Claim> {
    return this.#run('updateClaim', () =>
      transaction(this.#database, () => {
        const claim = this.#claim(id);
        if (claim === undefined) throw new NotFoundError(`No claim '${id}'`);
        checkVersion('Claim', id, claim.version, expectedVersion);
        const updated = applyClaimChanges(claim, changes);
        this.#database
          .prepare(`REPLACE INTO claims (${CLAIM_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
          .run(...claimValues(updated));
        return updated;
      }),
    );
  }

  /** Claim-to-claim links and documents are not kept here, so nothing holds a claim: it goes, with its evidence. */
  async deleteClaim(id: string): Promise<void> {
    this.#run('deleteClaim', () =>
      transaction(this.#database, () => {
        if (this.#claim(id) === undefined) throw new NotFoundError(`No claim '${id}'`);
        this.#database.prepare('DELETE FROM evidence WHERE claim_id = ?').run(id);
        this.#database.prepare('DELETE FROM claims WHERE id = ?').run(id);
      }),
    );
  }

  async listClaims(query: ClaimListQuery): Promise<ClaimPage> {
    const resolved = resolveClaimQuery(query);
    const conditions: string[] = [];
    const values: SQLInputValue[] = [];
    if (resolved.domain !== undefined) {
      conditions.push('domain = ?');
      values.push(resolved.domain);
    }
    if (resolved.verified !== undefined) {
      conditions.push('verified = ?');
      values.push(resolved.verified ? 1 : 0);
    }
    if (resolved.textContains !== undefined) {
      conditions.push(`instr(${LOWER}(text), ${LOWER}(?)) > 0`);
      values.push(resolved.textContains);
    }
    if (resolved.before !== undefined) {
      conditions.push('(created_at, id) < (?, ?)');
      values.push(resolved.before.createdAt, resolved.before.id);
    }
    const where = conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`;
    const rows = this.#run('listClaims', () =>
      this.#database
        .prepare(`SELECT ${CLAIM_COLUMNS} FROM claims ${where} ORDER BY created_at DESC, id DESC LIMIT ?`)
        .all(...values, resolved.limit + 1),
    );
    return claimPage(
      rows.map((row) => parse(claimSchema, claimFields(row), 'claim')),
      query,
    );
  }

  async addEvidence(evidence: Evidence): Promise<void> {
    this.#run('addEvidence', () =>
      transaction(this.#database, () => {
        if (this.#claim(evidence.claimId) === undefined) throw new NotFoundError(`No claim '${evidence.claimId}'`);
        const held = this.#database
          .prepare('SELECT count(*) AS count FROM evidence WHERE claim_id = ?')
          .get(evidence.claimId);
        if (Number(held?.count) >= this.#maxEvidence) throw tooMuchEvidenceError(evidence.claimId, this.#maxEvidence);
        this.#database
          .prepare(
            'INSERT INTO evidence (id, claim_id, text, source, confidence, created_at) VALUES (?, ?, ?, ?, ?, ?)',
          )
          .run(evidence.id, evidence.claimId, evidence.text, evidence.source, evidence.confidence, evidence.createdAt);
      }),
    );
  }

  async listEvidence(claimId: string): Promise<readonly Evidence[]> {
    return this.#run('listEvidence', () => {
      if (this.#claim(claimId) === undefined) throw new NotFoundError(`No claim '${claimId}'`);
      const rows = this.#database
        .prepare(
          `SELECT id, claim_id AS claimId, text, source, confidence, created_at AS createdAt FROM evidence
           WHERE claim_id = ? ORDER BY created_at, id`,
        )
        .all(claimId);
      return rows.map((row) => parse(evidenceSchema, row, 'evidence'));
    });
  }

  async check(): Promise<void> {
    this.#run('check', () => this.#database.prepare('SELECT 1 FROM concepts LIMIT 1').get());
  }

  #concept(id: string): Concept | undefined {
    const row = this.#database.prepare(`SELECT ${CONCEPT_COLUMNS} FROM concepts WHERE id = ?`).get(id);
    return row === undefined ? undefined : parse(conceptSchema, conceptFields(row), 'concept');
  }

  #claim(id: string): Claim | undefined {
    const row = this.#database.prepare(`SELECT ${CLAIM_COLUMNS} FROM claims WHERE id = ?`).get(id);
    return row === undefined ? undefined : parse(claimSchema, claimFields(row), 'claim');
  }

  #relationCount(id: string): number {
    const row = this.#database
      .prepare('SELECT count(*) AS count FROM concept_relations WHERE from_id = ? OR to_id = ?')
      .get(id, id);
    return Number(row?.count ?? 0);
  }

  #run<T>(operation: string, work: () => T): T {
    try {
      return work();
    } catch (error) {
      if (error instanceof HttpError || error instanceof DependencyError) throw error;
      const code = sqliteCode(error);
      if (code === SQLITE_CONSTRAINT) throw new ConflictError('A record with this id already exists');
      throw new DependencyError('graph', `embedded ${operation} failed`, {
        cause: error,
        transient: code === SQLITE_BUSY,
      });
    }
  }
}

function checkVersion(kind: string, id: string, current: number, expectedVersion: number | undefined): void {
  if (expectedVersion === undefined || expectedVersion === current) return;
  throw new ConflictError(
    `${kind} '${id}' is at version ${current}, not ${expectedVersion}: read it again and reapply your change`,
  );
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

function conceptFields(row: Record<string, unknown>): Record<string, unknown> {
  const { created_at: createdAt, updated_at: updatedAt, ...rest } = row;
  return withoutNulls({ ...rest, createdAt, updatedAt });
}

function claimFields(row: Record<string, unknown>): Record<string, unknown> {
  const { created_at: createdAt, updated_at: updatedAt, verified, ...rest } = row;
  return withoutNulls({ ...rest, verified: verified === 1, createdAt, updatedAt });
}

function withoutNulls(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).filter(([, value]) => value !== null));
}

function parse<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new DependencyError('graph', `embedded ${what} is malformed`, { transient: false });
  return parsed.data;
}

/** The primary result code of a `node:sqlite` error (its extended code's low byte). */
function sqliteCode(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('errcode' in error)) return undefined;
  return typeof error.errcode === 'number' ? error.errcode & 0xff : undefined;
}
