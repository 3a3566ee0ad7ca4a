import { httpFunctions } from '#functions/manifest';
import { readThroughDeps } from '#shared/container/cache';
import { knowledgeStore } from '#shared/container/knowledge';
import { claimIdSchema } from '#shared/domain/claims';
import { httpFunction } from '#shared/http/http-function';
import { noContent } from '#shared/http/responses';
import { refuseQuery } from '#shared/http/query';
import { audit } from '#shared/http/request-state';
import { validate } from '#shared/http/validation';
import { deleteClaim } from '#shared/services/claims';
import { cacheKeys, invalidate } from '#shared/services/read-through';

/** DELETE /claims/{claimId}: 204, its evidence with it; a claim other claims or documents link to is kept (409). */
export const handler = httpFunction(httpFunctions.deleteClaim, async (event, context) => {
  const id = validate(claimIdSchema, event.pathParameters?.claimId, 'claim id');
  refuseQuery(event);
  audit(context, { action: 'claim.delete', resourceType: 'claim', resourceId: id });
  await deleteClaim(id, { claims: knowledgeStore() });
  await invalidate([cacheKeys.claim(id), cacheKeys.evidence(id)], readThroughDeps());
  return noContent();
});
