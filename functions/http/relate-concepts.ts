import { httpFunctions } from '#functions/manifest';
import { knowledgeDeps } from '#shared/container/knowledge';
import { relateConceptsSchema } from '#shared/domain/concepts';
import { readJsonBody } from '#shared/http/body';
import { idempotentHttpFunction } from '#shared/http/idempotent-http-function';
import { conceptRoutes } from '#shared/http/knowledge-routes';
import { refuseQuery } from '#shared/http/query';
import { audit } from '#shared/http/request-state';
import { json } from '#shared/http/responses';
import { validate } from '#shared/http/validation';
import { pathId } from '#shared/http/versioned-handlers';
import { relateConcepts } from '#shared/services/concepts';

/** A relation is a target id, a type and a strength: a few hundred bytes at most. */
const MAX_BODY_BYTES = 4 * 1024;

/** POST /concepts/{conceptId}/relations: relates the concept to `to` (201), or re-weights the relation (200). */
export const handler = idempotentHttpFunction(httpFunctions.relateConcepts, async (event, context) => {
  const from = pathId(event, conceptRoutes);
  refuseQuery(event);
  const input = validate(relateConceptsSchema, readJsonBody(event, MAX_BODY_BYTES), 'request body');
  audit(context, {
    action: 'concept.relate',
    resourceType: 'concept',
    resourceId: from,
    details: { to: input.to, type: input.type, strength: input.strength },
  });
  const { relation, created } = await relateConcepts(from, input, knowledgeDeps());
  // 201 only when the relation is new; relating again (a new strength at most) is 200, as PUT would be.
  return json(created ? 201 : 200, relation, {
    location: `/concepts/${from}/relations/${relation.type}/${relation.to}`,
  });
});
