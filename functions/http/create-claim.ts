import { httpFunctions } from '#functions/manifest';
import { knowledgeStore } from '#shared/container/knowledge';
import { createClaimSchema } from '#shared/domain/claims';
import { readJsonBody } from '#shared/http/body';
import { httpFunction } from '#shared/http/http-function';
import { versionTag } from '#shared/http/preconditions';
import { refuseQuery } from '#shared/http/query';
import { audit } from '#shared/http/request-state';
import { json } from '#shared/http/responses';
import { validate } from '#shared/http/validation';
import { createClaim } from '#shared/services/claims';

/** A text of at most 2,000 characters and a source of at most 2,048 fit many times over, even fully escaped. */
const MAX_BODY_BYTES = 64 * 1024;

/** POST /claims: 201 with the new claim, where it lives and its ETag. */
export const handler = httpFunction(httpFunctions.createClaim, async (event, context) => {
  refuseQuery(event);
  const input = validate(createClaimSchema, readJsonBody(event, MAX_BODY_BYTES), 'request body');
  const claim = await createClaim(input, { claims: knowledgeStore() });
  audit(context, { action: 'claim.create', resourceType: 'claim', resourceId: claim.id });
  return json(201, claim, { location: `/claims/${claim.id}`, etag: versionTag(claim.version) });
});
