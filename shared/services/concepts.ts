import {
  newConcept,
  newConceptId,
  type Concept,
  type ConceptListQuery,
  type ConceptPage,
  type ConceptPatch,
  type ConceptRelation,
  type CreateConceptInput,
  type RelateConceptsInput,
  type RelationType,
} from '#shared/domain/concepts';
import { NotFoundError } from '#shared/errors';
import type { ConceptStore, RelateOutcome } from '#shared/ports/knowledge-store';

export interface ConceptDeps {
  readonly concepts: ConceptStore;
  readonly now?: () => Date;
  readonly newId?: () => string;
}

/**
 * The concept endpoints' work. Inputs arrive checked by the handler's schema (`createConceptSchema`,
 * `updateConceptSchema`, `conceptListQuerySchema`, `relateConceptsSchema`, `conceptIdSchema`); these add
 * ids and times, and turn a missing concept into a `NotFoundError`.
 */
export async function createConcept(input: CreateConceptInput, deps: ConceptDeps): Promise<Concept> {
  const concept = newConcept(input, deps.newId?.() ?? newConceptId(), deps.now?.() ?? new Date());
  await deps.concepts.createConcept(concept);
  return concept;
}

export async function getConcept(id: string, deps: ConceptDeps): Promise<Concept> {
  const concept = await deps.concepts.getConcept(id);
  if (concept === undefined) throw new NotFoundError(`No concept '${id}'`);
  return concept;
}

/** `expectedVersion` (from `If-Match`) makes the update conditional: a stale one is a `ConflictError`. */
export async function updateConcept(
  change: { readonly id: string; readonly patch: ConceptPatch; readonly expectedVersion?: number },
  deps: ConceptDeps,
): Promise<Concept> {
  const updatedAt = (deps.now?.() ?? new Date()).toISOString();
  return deps.concepts.updateConcept(change.id, { ...change.patch, updatedAt }, change.expectedVersion);
}

/** A concept still related to others, or contained in a document, is kept: `ConflictError` says by how many links. */
export async function deleteConcept(id: string, deps: ConceptDeps): Promise<void> {
  await deps.concepts.deleteConcept(id);
}

export async function listConcepts(query: ConceptListQuery, deps: ConceptDeps): Promise<ConceptPage> {
  return deps.concepts.listConcepts(query);
}

/** Idempotent: relating the same pair with the same type again only updates the strength (`created` false). */
export async function relateConcepts(
  from: string,
  input: RelateConceptsInput,
  deps: ConceptDeps,
): Promise<RelateOutcome> {
  return deps.concepts.relateConcepts(from, input.to, input.type, input.strength);
}

export async function listConceptRelations(id: string, deps: ConceptDeps): Promise<readonly ConceptRelation[]> {
  return deps.concepts.listRelations(id);
}

export async function unrelateConcepts(
  relation: { readonly from: string; readonly to: string; readonly type: RelationType },
  deps: ConceptDeps,
): Promise<void> {
  await deps.concepts.unrelateConcepts(relation.from, relation.to, relation.type);
}
