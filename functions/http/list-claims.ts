import { httpFunctions } from '#functions/manifest';
import { knowledgeDeps } from '#shared/container/knowledge';
import { claimRoutes } from '#shared/http/knowledge-routes';
import { listHandler } from '#shared/http/versioned-handlers';
import { listClaims } from '#shared/services/claims';

/** GET /claims: one page of claims, newest first; `nextCursor` fetches the next with the same filters. */
export const handler = listHandler(httpFunctions.listClaims, claimRoutes, (query) =>
  listClaims(query, knowledgeDeps()),
);
