import { httpFunctions } from '#functions/manifest';
import { knowledgeDeps } from '#shared/container/knowledge';
import { claimRoutes } from '#shared/http/knowledge-routes';
import { getHandler } from '#shared/http/versioned-handlers';
import { getClaim } from '#shared/services/claims';

/** GET /claims/{claimId}: the claim, read through the cache, with its version as ETag. */
export const handler = getHandler(httpFunctions.getClaim, claimRoutes, (id) => getClaim(id, knowledgeDeps()));
