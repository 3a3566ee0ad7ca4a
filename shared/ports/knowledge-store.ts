import { CLAIM_LIMITS, type Claim, type ClaimListQuery, type ClaimPatch, type Evidence } from '#shared/domain/claims';
import type { Concept, ConceptListQuery, ConceptPatch, ConceptRelation, RelationType } from '#shared/domain/concepts';
import { CONCEPT_LIMITS } from '#shared/domain/concepts';
import type { HealthCheck } from './health.ts';
import type { VersionedStore } from './versioned-store.ts';

/**
 * Concepts and the typed relations between them. Concepts keep the `VersionedStore` rules, listed by name,
 * then id (code-point order), `nameContains` a case-insensitive substring; a concept that still takes part
 * in a relation, or that a document contains, is not deleted. Relation methods that name an unknown
 * concept throw `NotFoundError`.
 */
export interface ConceptStore {
  readonly concepts: VersionedStore<Concept, ConceptPatch, ConceptListQuery>;
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
 * Claims and the evidence that supports them. Claims keep the `VersionedStore` rules, listed newest first
 * (createdAt, then id, descending), `textContains` a case-insensitive substring. Deleting a claim deletes
 * its evidence with it (evidence belongs to its claim); a claim that validates, contradicts or is checked
 * by another claim, or that a document contains, is not deleted (`ConflictError`).
 */
export interface ClaimStore {
  readonly claims: VersionedStore<Claim, ClaimPatch, ClaimListQuery>;
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

/** `limits` with the defaults filled in, as every adapter applies them. */
export function knowledgeLimits(limits: KnowledgeLimits = {}): Required<KnowledgeLimits> {
  return {
    maxRelationsPerConcept: limits.maxRelationsPerConcept ?? CONCEPT_LIMITS.maxRelationsPerConcept,
    maxEvidencePerClaim: limits.maxEvidencePerClaim ?? CLAIM_LIMITS.maxEvidencePerClaim,
  };
}

/** What relating two concepts did: the relation as stored, and whether it was made (not just re-weighted). */
export interface RelateOutcome {
  readonly relation: ConceptRelation;
  readonly created: boolean;
}
