import { httpFunctions } from '#functions/manifest';
import { knowledgeDeps } from '#shared/container/knowledge';
import { conceptRoutes } from '#shared/http/knowledge-routes';
import { listHandler } from '#shared/http/versioned-handlers';
import { listConcepts } from '#shared/services/concepts';

/** GET /concepts: one page of concepts by name; `nextCursor` fetches the next with the same filters. */
export const handler = listHandler(httpFunctions.listConcepts, conceptRoutes, (query) =>
  listConcepts(query, knowledgeDeps()),
);
