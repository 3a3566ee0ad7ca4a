import {
  CLAIM_KIND,
  newClaim,
  newClaimId,
  newEvidence,
  newEvidenceId,
  type AddEvidenceInput,
  type Claim,
  type ClaimListQuery,
  type ClaimPage,
  type ClaimPatch,
  type CreateClaimInput,
  type Evidence,
} from '#shared/domain/claims';
import type { ClaimStore } from '#shared/ports/knowledge-store';
import { cacheKeys } from './read-through.ts';
import { versionedResources, type ResourceChange, type ResourceDeps } from './versioned-resources.ts';

export interface ClaimDeps extends ResourceDeps {
  readonly claims: ClaimStore;
  /** Makes evidence ids (`evd_…`). */
  readonly newEvidenceId?: () => string;
}

const claims = versionedResources<Claim, CreateClaimInput, ClaimPatch, ClaimListQuery>({
  kind: CLAIM_KIND,
  cacheKey: cacheKeys.claim,
  dependentKeys: (id) => [cacheKeys.evidence(id)],
  newId: newClaimId,
  newResource: newClaim,
});

/**
 * The claim endpoints' work, on the versioned-resource pattern. Inputs arrive checked by the handler's
 * schema (`createClaimSchema`, `updateClaimSchema`, `claimListQuerySchema`, `addEvidenceSchema`,
 * `claimIdSchema`).
 */
export const createClaim = (input: CreateClaimInput, deps: ClaimDeps): Promise<Claim> =>
  claims.create(input, deps.claims.claims, deps);

export const getClaim = (id: string, deps: ClaimDeps): Promise<Claim> => claims.get(id, deps.claims.claims, deps);

export const updateClaim = (change: ResourceChange<ClaimPatch>, deps: ClaimDeps): Promise<Claim> =>
  claims.update(change, deps.claims.claims, deps);

/**
 * Deletes the claim and, as a documented cascade, its evidence. A claim that validates, contradicts or is
 * checked by another, or that a document contains, is kept (`ConflictError`).
 */
export const deleteClaim = (id: string, deps: ClaimDeps): Promise<void> => claims.delete(id, deps.claims.claims, deps);

export const listClaims = (query: ClaimListQuery, deps: ClaimDeps): Promise<ClaimPage> =>
  claims.list(query, deps.claims.claims);

export async function addEvidence(claimId: string, input: AddEvidenceInput, deps: ClaimDeps): Promise<Evidence> {
  const evidence = newEvidence(
    input,
    { id: deps.newEvidenceId?.() ?? newEvidenceId(), claimId },
    deps.now?.() ?? new Date(),
  );
  await deps.claims.addEvidence(evidence);
  await claims.invalidate([claimId], deps);
  return evidence;
}

export async function listEvidence(claimId: string, deps: ClaimDeps): Promise<readonly Evidence[]> {
  return deps.claims.listEvidence(claimId);
}
