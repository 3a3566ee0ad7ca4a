import { httpFunctions } from '#functions/manifest';
import { knowledgeDeps } from '#shared/container/knowledge';
import { conceptIdSchema, relationTypeSchema } from '#shared/domain/concepts';
import { httpFunction } from '#shared/http/http-function';
import { conceptRoutes } from '#shared/http/knowledge-routes';
import { noContent } from '#shared/http/responses';
import { refuseQuery } from '#shared/http/query';
import { audit } from '#shared/http/request-state';
import { validate } from '#shared/http/validation';
import { pathId } from '#shared/http/versioned-handlers';
import { unrelateConcepts } from '#shared/services/concepts';

/** DELETE /concepts/{conceptId}/relations/{relationType}/{targetId}: 204; 404 when there is no such relation. */
export const handler = httpFunction(httpFunctions.unrelateConcepts, async (event, context) => {
  const from = pathId(event, conceptRoutes);
  const type = validate(relationTypeSchema, event.pathParameters?.relationType, 'relation type');
  const to = validate(conceptIdSchema, event.pathParameters?.targetId, 'target concept id');
  refuseQuery(event);
  audit(context, { action: 'concept.unrelate', resourceType: 'concept', resourceId: from, details: { to, type } });
  await unrelateConcepts({ from, to, type }, knowledgeDeps());
  return noContent();
});
