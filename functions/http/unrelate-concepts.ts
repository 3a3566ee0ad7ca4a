import { httpFunctions } from '#functions/manifest';
import { readThroughDeps } from '#shared/container/cache';
import { knowledgeStore } from '#shared/container/knowledge';
import { conceptIdSchema, relationTypeSchema } from '#shared/domain/concepts';
import { httpFunction } from '#shared/http/http-function';
import { noContent } from '#shared/http/responses';
import { refuseQuery } from '#shared/http/query';
import { audit } from '#shared/http/request-state';
import { validate } from '#shared/http/validation';
import { unrelateConcepts } from '#shared/services/concepts';
import { cacheKeys, invalidate } from '#shared/services/read-through';

/** DELETE /concepts/{conceptId}/relations/{relationType}/{targetId}: 204; 404 when there is no such relation. */
export const handler = httpFunction(httpFunctions.unrelateConcepts, async (event, context) => {
  const from = validate(conceptIdSchema, event.pathParameters?.conceptId, 'concept id');
  const type = validate(relationTypeSchema, event.pathParameters?.relationType, 'relation type');
  const to = validate(conceptIdSchema, event.pathParameters?.targetId, 'target concept id');
  refuseQuery(event);
  audit(context, { action: 'concept.unrelate', resourceType: 'concept', resourceId: from, details: { to, type } });
  await unrelateConcepts({ from, to, type }, { concepts: knowledgeStore() });
  await invalidate([cacheKeys.concept(from), cacheKeys.concept(to)], readThroughDeps());
  return noContent();
});
