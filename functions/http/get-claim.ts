import { httpFunctions } from '#functions/manifest';
import { readThroughDeps } from '#shared/container/cache';
import { knowledgeStore } from '#shared/container/knowledge';
import { claimIdSchema } from '#shared/domain/claims';
import { NotFoundError } from '#shared/errors';
import { httpFunction } from '#shared/http/http-function';
import { versionTag } from '#shared/http/preconditions';
import { refuseQuery } from '#shared/http/query';
import { json } from '#shared/http/responses';
import { validate } from '#shared/http/validation';
import { getClaim } from '#shared/services/claims';
import { cacheKeys, readThrough } from '#shared/services/read-through';

/** GET /claims/{claimId}: the claim, read through the cache, with its version as ETag. */
export const handler = httpFunction(httpFunctions.getClaim, async (event) => {
  const claimId = validate(claimIdSchema, event.pathParameters?.claimId, 'claim id');
  refuseQuery(event);
  const { value: claim } = await readThrough(
    cacheKeys.claim(claimId),
    () => getClaim(claimId, { claims: knowledgeStore() }),
    readThroughDeps(),
  );
  // getClaim throws for an unknown id before anything is cached; this only narrows the type.
  if (claim === undefined) throw new NotFoundError(`No claim '${claimId}'`);
  return json(200, claim, { etag: versionTag(claim.version) });
});
