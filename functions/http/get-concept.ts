import { httpFunctions } from '#functions/manifest';
import { knowledgeDeps } from '#shared/container/knowledge';
import { conceptRoutes } from '#shared/http/knowledge-routes';
import { getHandler } from '#shared/http/versioned-handlers';
import { getConcept } from '#shared/services/concepts';

/** GET /concepts/{conceptId}: the concept, read through the cache, with its version as ETag. */
export const handler = getHandler(httpFunctions.getConcept, conceptRoutes, (id) => getConcept(id, knowledgeDeps()));
