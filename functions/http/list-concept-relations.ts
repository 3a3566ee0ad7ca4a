import { httpFunctions } from '#functions/manifest';
import { knowledgeStore } from '#shared/container/knowledge';
import { conceptIdSchema } from '#shared/domain/concepts';
import { httpFunction } from '#shared/http/http-function';
import { refuseQuery } from '#shared/http/query';
import { json } from '#shared/http/responses';
import { validate } from '#shared/http/validation';
import { listConceptRelations } from '#shared/services/concepts';

/** GET /concepts/{conceptId}/relations: every relation the concept takes part in, both ways (at most 500). */
export const handler = httpFunction(httpFunctions.listConceptRelations, async (event) => {
  const id = validate(conceptIdSchema, event.pathParameters?.conceptId, 'concept id');
  refuseQuery(event);
  const relations = await listConceptRelations(id, { concepts: knowledgeStore() });
  return json(200, { items: relations });
});
