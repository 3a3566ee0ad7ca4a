import { httpFunctions } from '#functions/manifest';
import { knowledgeStore } from '#shared/container/knowledge';
import { claimIdSchema } from '#shared/domain/claims';
import { httpFunction } from '#shared/http/http-function';
import { refuseQuery } from '#shared/http/query';
import { json } from '#shared/http/responses';
import { validate } from '#shared/http/validation';
import { listEvidence } from '#shared/services/claims';

/** GET /claims/{claimId}/evidence: the claim's evidence, oldest first (at most 100). */
export const handler = httpFunction(httpFunctions.listEvidence, async (event) => {
  const claimId = validate(claimIdSchema, event.pathParameters?.claimId, 'claim id');
  refuseQuery(event);
  const evidence = await listEvidence(claimId, { claims: knowledgeStore() });
  return json(200, { items: evidence });
});
