import { httpFunctions } from '#functions/manifest';
import { knowledgeStore } from '#shared/container/knowledge';
import { claimIdSchema, updateClaimSchema } from '#shared/domain/claims';
import { readJsonBody } from '#shared/http/body';
import { httpFunction } from '#shared/http/http-function';
import { conditionalUpdate, ifMatchVersion, versionTag } from '#shared/http/preconditions';
import { refuseQuery } from '#shared/http/query';
import { audit } from '#shared/http/request-state';
import { json } from '#shared/http/responses';
import { validate } from '#shared/http/validation';
import { updateClaim } from '#shared/services/claims';
import { cacheKeys, invalidate } from '#shared/services/read-through';

/** A text of at most 2,000 characters and a source of at most 2,048 fit many times over, even fully escaped. */
const MAX_BODY_BYTES = 64 * 1024;

/** PATCH /claims/{claimId}: changes the given fields; `If-Match: "<version>"` makes it conditional (412). */
export const handler = httpFunction(httpFunctions.updateClaim, async (event, context) => {
  const id = validate(claimIdSchema, event.pathParameters?.claimId, 'claim id');
  refuseQuery(event);
  const patch = validate(updateClaimSchema, readJsonBody(event, MAX_BODY_BYTES), 'request body');
  // The body is checked first: a malformed request is a 400 whatever its precondition says.
  const expectedVersion = ifMatchVersion(event);
  audit(context, {
    action: 'claim.update',
    resourceType: 'claim',
    resourceId: id,
    details: { fields: Object.keys(patch) },
  });
  const claim = await conditionalUpdate(expectedVersion, () =>
    updateClaim({ id, patch, expectedVersion }, { claims: knowledgeStore() }),
  );
  await invalidate([cacheKeys.claim(id)]);
  return json(200, claim, { etag: versionTag(claim.version) });
});
