import { httpFunctions } from '#functions/manifest';
import { knowledgeDeps } from '#shared/container/knowledge';
import { claimRoutes } from '#shared/http/knowledge-routes';
import { createHandler } from '#shared/http/versioned-create-handler';
import { createClaim } from '#shared/services/claims';

/** POST /claims: 201 with the new claim, where it lives and its ETag. */
export const handler = createHandler(httpFunctions.createClaim, claimRoutes, (input) =>
  createClaim(input, knowledgeDeps()),
);
