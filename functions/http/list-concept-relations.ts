import { httpFunctions } from '#functions/manifest';
import { knowledgeDeps } from '#shared/container/knowledge';
import { httpFunction } from '#shared/http/http-function';
import { conceptRoutes } from '#shared/http/knowledge-routes';
import { refuseQuery } from '#shared/http/query';
import { json } from '#shared/http/responses';
import { pathId } from '#shared/http/versioned-handlers';
import { listConceptRelations } from '#shared/services/concepts';

/** GET /concepts/{conceptId}/relations: every relation the concept takes part in, both ways (at most 500). */
export const handler = httpFunction(httpFunctions.listConceptRelations, async (event) => {
  const id = pathId(event, conceptRoutes);
  refuseQuery(event);
  const relations = await listConceptRelations(id, knowledgeDeps());
  return json(200, { items: relations });
});
