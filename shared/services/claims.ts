import {
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
import { NotFoundError } from '#shared/errors';
import type { ClaimStore } from '#shared/ports/knowledge-store';

export interface ClaimDeps {
  readonly claims: ClaimStore;
  readonly now?: () => Date;
  /** Makes claim ids (`clm_…`). */
  readonly newId?: () => string;
  /** Makes evidence ids (`evd_…`). */
  readonly newEvidenceId?: () => string;
}

/**
 * The claim endpoints' work. Inputs arrive checked by the handler's schema (`createClaimSchema`,
 * `updateClaimSchema`, `claimListQuerySchema`, `addEvidenceSchema`, `claimIdSchema`); these add ids and
 * times, and turn a missing claim into a `NotFoundError`.
 */
export async function createClaim(input: CreateClaimInput, deps: ClaimDeps): Promise<Claim> {
  const claim = newClaim(input, deps.newId?.() ?? newClaimId(), deps.now?.() ?? new Date());
  await deps.claims.createClaim(claim);
  return claim;
}

export async function getClaim(id: string, deps: ClaimDeps): Promise<Claim> {
  const claim = await deps.claims.getClaim(id);
  if (claim === undefined) throw new NotFoundError(`No claim '${id}'`);
  return claim;
}

/** `expectedVersion` (from `If-Match`) makes the update conditional: a stale one is a `ConflictError`. */
export async function updateClaim(
  change: { readonly id: string; readonly patch: ClaimPatch; readonly expectedVersion?: number },
  deps: ClaimDeps,
): Promise<Claim> {
  const updatedAt = (deps.now?.() ?? new Date()).toISOString();
  return deps.claims.updateClaim(change.id, { ...change.patch, updatedAt }, change.expectedVersion);
}

/**
 * Deletes the claim and, as a documented cascade, its evidence. A claim that validates, contradicts or is
 * checked by another, or that a document contains, is kept (`ConflictError`).
 */
export async function deleteClaim(id: string, deps: ClaimDeps): Promise<void> {
  await deps.claims.deleteClaim(id);
}

export async function listClaims(query: ClaimListQuery, deps: ClaimDeps): Promise<ClaimPage> {
  return deps.claims.listClaims(query);
}

export async function addEvidence(claimId: string, input: AddEvidenceInput, deps: ClaimDeps): Promise<Evidence> {
  const evidence = newEvidence(
    input,
    { id: deps.newEvidenceId?.() ?? newEvidenceId(), claimId },
    deps.now?.() ?? new Date(),
  );
  await deps.claims.addEvidence(evidence);
  return evidence;
}

export async function listEvidence(claimId: string, deps: ClaimDeps): Promise<readonly Evidence[]> {
  return deps.claims.listEvidence(claimId);
}
