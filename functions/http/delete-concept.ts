import { httpFunctions } from '#functions/manifest';
import { readThroughDeps } from '#shared/container/cache';
import { knowledgeStore } from '#shared/container/knowledge';
import { conceptIdSchema } from '#shared/domain/concepts';
import { httpFunction } from '#shared/http/http-function';
import { noContent } from '#shared/http/responses';
import { refuseQuery } from '#shared/http/query';
import { audit } from '#shared/http/request-state';
import { validate } from '#shared/http/validation';
import { deleteConcept } from '#shared/services/concepts';
import { cacheKeys, invalidate } from '#shared/services/read-through';

/** DELETE /concepts/{conceptId}: 204; a concept still related or contained is kept (409 says by what). */
export const handler = httpFunction(httpFunctions.deleteConcept, async (event, context) => {
  const id = validate(conceptIdSchema, event.pathParameters?.conceptId, 'concept id');
  refuseQuery(event);
  audit(context, { action: 'concept.delete', resourceType: 'concept', resourceId: id });
  await deleteConcept(id, { concepts: knowledgeStore() });
  await invalidate([cacheKeys.concept(id)], readThroughDeps());
  return noContent();
});
