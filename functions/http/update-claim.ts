import { httpFunctions } from '#functions/manifest';
import { knowledgeDeps } from '#shared/container/knowledge';
import { claimRoutes } from '#shared/http/knowledge-routes';
import { updateHandler } from '#shared/http/versioned-handlers';
import { updateClaim } from '#shared/services/claims';

/** PATCH /claims/{claimId}: changes the given fields; `If-Match: "<version>"` makes it conditional (412). */
export const handler = updateHandler(httpFunctions.updateClaim, claimRoutes, (change) =>
  updateClaim(change, knowledgeDeps()),
);
