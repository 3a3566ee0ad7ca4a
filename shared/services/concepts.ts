import {
  CONCEPT_KIND,
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
import type { ConceptStore, RelateOutcome } from '#shared/ports/knowledge-store';
import { cacheKeys } from './read-through.ts';
import { versionedResources, type ResourceChange, type ResourceDeps } from './versioned-resources.ts';

export interface ConceptDeps extends ResourceDeps {
  readonly concepts: ConceptStore;
}

const concepts = versionedResources<Concept, CreateConceptInput, ConceptPatch, ConceptListQuery>({
  kind: CONCEPT_KIND,
  cacheKey: cacheKeys.concept,
  newId: newConceptId,
  newResource: newConcept,
});

/**
 * The concept endpoints' work, on the versioned-resource pattern. Inputs arrive checked by the handler's
 * schema (`createConceptSchema`, `updateConceptSchema`, `conceptListQuerySchema`, `relateConceptsSchema`,
 * `conceptIdSchema`).
 */
export const createConcept = (input: CreateConceptInput, deps: ConceptDeps): Promise<Concept> =>
  concepts.create(input, deps.concepts.concepts, deps);

export const getConcept = (id: string, deps: ConceptDeps): Promise<Concept> =>
  concepts.get(id, deps.concepts.concepts, deps);

export const updateConcept = (change: ResourceChange<ConceptPatch>, deps: ConceptDeps): Promise<Concept> =>
  concepts.update(change, deps.concepts.concepts, deps);

/** A concept still related to others, or contained in a document, is kept: `ConflictError` says by how many links. */
export const deleteConcept = (id: string, deps: ConceptDeps): Promise<void> =>
  concepts.delete(id, deps.concepts.concepts, deps);

export const listConcepts = (query: ConceptListQuery, deps: ConceptDeps): Promise<ConceptPage> =>
  concepts.list(query, deps.concepts.concepts);

/** Idempotent: relating the same pair with the same type again only updates the strength (`created` false). */
export async function relateConcepts(
  from: string,
  input: RelateConceptsInput,
  deps: ConceptDeps,
): Promise<RelateOutcome> {
  const outcome = await deps.concepts.relateConcepts(from, input.to, input.type, input.strength);
  await concepts.invalidate([from, input.to], deps);
  return outcome;
}

export async function listConceptRelations(id: string, deps: ConceptDeps): Promise<readonly ConceptRelation[]> {
  return deps.concepts.listRelations(id);
}

export async function unrelateConcepts(
  relation: { readonly from: string; readonly to: string; readonly type: RelationType },
  deps: ConceptDeps,
): Promise<void> {
  await deps.concepts.unrelateConcepts(relation.from, relation.to, relation.type);
  await concepts.invalidate([relation.from, relation.to], deps);
}
