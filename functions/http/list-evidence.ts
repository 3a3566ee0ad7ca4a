import { httpFunctions } from '#functions/manifest';
import { knowledgeDeps } from '#shared/container/knowledge';
import { httpFunction } from '#shared/http/http-function';
import { claimRoutes } from '#shared/http/knowledge-routes';
import { refuseQuery } from '#shared/http/query';
import { json } from '#shared/http/responses';
import { pathId } from '#shared/http/versioned-handlers';
import { listEvidence } from '#shared/services/claims';

/** GET /claims/{claimId}/evidence: the claim's evidence, oldest first (at most 100). */
export const handler = httpFunction(httpFunctions.listEvidence, async (event) => {
  const claimId = pathId(event, claimRoutes);
  refuseQuery(event);
  const evidence = await listEvidence(claimId, knowledgeDeps());
  return json(200, { items: evidence });
});
