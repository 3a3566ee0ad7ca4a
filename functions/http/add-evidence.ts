import { httpFunctions } from '#functions/manifest';
import { knowledgeDeps } from '#shared/container/knowledge';
import { addEvidenceSchema } from '#shared/domain/claims';
import { readJsonBody } from '#shared/http/body';
import { idempotentHttpFunction } from '#shared/http/idempotent-http-function';
import { claimRoutes } from '#shared/http/knowledge-routes';
import { refuseQuery } from '#shared/http/query';
import { audit } from '#shared/http/request-state';
import { json } from '#shared/http/responses';
import { validate } from '#shared/http/validation';
import { pathId } from '#shared/http/versioned-handlers';
import { addEvidence } from '#shared/services/claims';

/** A text of at most 5,000 characters and a source of at most 2,048 fit many times over, even fully escaped. */
const MAX_BODY_BYTES = 64 * 1024;

/**
 * POST /claims/{claimId}/evidence: 201 with the stored evidence. No Location: evidence has no address of its
 * own; it is listed under its claim.
 */
export const handler = idempotentHttpFunction(httpFunctions.addEvidence, async (event, context) => {
  const claimId = pathId(event, claimRoutes);
  refuseQuery(event);
  const input = validate(addEvidenceSchema, readJsonBody(event, MAX_BODY_BYTES), 'request body');
  audit(context, { action: 'claim.evidence.add', resourceType: 'claim', resourceId: claimId });
  const evidence = await addEvidence(claimId, input, knowledgeDeps());
  return json(201, evidence);
});
