import type { Claim, ClaimChanges, ClaimListQuery, ClaimPage, Evidence } from '#shared/domain/claims';
import type {
  Concept,
  ConceptChanges,
  ConceptListQuery,
  ConceptPage,
  ConceptRelation,
  RelationType,
} from '#shared/domain/concepts';
import type { HealthCheck } from './health.ts';

/**
 * Concepts and the typed relations between them.
 *
 * Rules every adapter keeps: `get…` answers `undefined` for an unknown id; every other method that names
 * an id throws `NotFoundError` for an unknown one, naming it. An update with an `expectedVersion` that is
 * not the stored one throws `ConflictError` and changes nothing (optimistic concurrency: concurrent
 * updates with the same expected version leave exactly one winner). A concept that still takes part in a
 * relation, or that a document contains, is not deleted: `ConflictError` says how many links hold it.
 */
export interface ConceptStore {
  /** Stores a new concept as given (the service made its id and times); `ConflictError` if the id exists. */
  createConcept(concept: Concept): Promise<void>;
  getConcept(id: string): Promise<Concept | undefined>;
  /** The updated concept: `changes` applied (`null` removes a field), `version` one more. */
  updateConcept(id: string, changes: ConceptChanges, expectedVersion?: number): Promise<Concept>;
  deleteConcept(id: string): Promise<void>;
  /**
   * One page of concepts ordered by name, then id (code-point order); following `nextCursor` visits every
   * match once. `nameContains` is a case-insensitive substring. A bad limit or a cursor not issued for the
   * same filters is a `ValidationError`.
   */
  listConcepts(query: ConceptListQuery): Promise<ConceptPage>;
  /**
   * Relates `from` to `to`. Idempotent: one relation per (from, to, type), whose strength the latest call
   * sets. Relating a concept to itself is a `ValidationError`; a concept already in `maxRelationsPerConcept`
   * relations takes no new one (`ConflictError`). `created` says whether the relation is new.
   */
  relateConcepts(from: string, to: string, type: RelationType, strength: number): Promise<RelateOutcome>;
  /** Every relation the concept takes part in, outgoing and incoming, ordered by from, to, type. */
  listRelations(conceptId: string): Promise<readonly ConceptRelation[]>;
  /** Removes one relation; `NotFoundError` when there is no such relation. */
  unrelateConcepts(from: string, to: string, type: RelationType): Promise<void>;
}

/**
 * Claims and the evidence that supports them, with the same rules as `ConceptStore`. Deleting a claim
 * deletes its evidence with it (evidence belongs to its claim); a claim that validates, contradicts or is
 * checked by another claim, or that a document contains, is not deleted (`ConflictError`).
 */
export interface ClaimStore {
  createClaim(claim: Claim): Promise<void>;
  getClaim(id: string): Promise<Claim | undefined>;
  updateClaim(id: string, changes: ClaimChanges, expectedVersion?: number): Promise<Claim>;
  deleteClaim(id: string): Promise<void>;
  /**
   * One page of claims, newest first (createdAt, then id, descending). `textContains` is a
   * case-insensitive substring. A bad limit or a cursor not issued for the same filters is a `ValidationError`.
   */
  listClaims(query: ClaimListQuery): Promise<ClaimPage>;
  /** Stores `evidence` under its claim; a claim already holding `maxEvidencePerClaim` takes no more (`ConflictError`). */
  addEvidence(evidence: Evidence): Promise<void>;
  /** The claim's evidence, oldest first. */
  listEvidence(claimId: string): Promise<readonly Evidence[]>;
}

/**
 * The knowledge in the graph: one port, one adapter per backend, because concepts, claims and evidence
 * share one graph, one transaction scope and one health check (component `graph`). Services depend on
 * the narrower `ConceptStore` or `ClaimStore`.
 */
export interface KnowledgeStore extends ConceptStore, ClaimStore, HealthCheck {}

/** Per-store caps; the defaults are `CONCEPT_LIMITS.maxRelationsPerConcept` and `CLAIM_LIMITS.maxEvidencePerClaim`. */
export interface KnowledgeLimits {
  readonly maxRelationsPerConcept?: number;
  readonly maxEvidencePerClaim?: number;
}

/** What relating two concepts did: the relation as stored, and whether it was made (not just re-weighted). */
export interface RelateOutcome {
  readonly relation: ConceptRelation;
  readonly created: boolean;
}
