import { httpFunctions } from '#functions/manifest';
import { knowledgeStore } from '#shared/container/knowledge';
import { conceptIdSchema, updateConceptSchema } from '#shared/domain/concepts';
import { readJsonBody } from '#shared/http/body';
import { httpFunction } from '#shared/http/http-function';
import { conditionalUpdate, ifMatchVersion, versionTag } from '#shared/http/preconditions';
import { refuseQuery } from '#shared/http/query';
import { audit } from '#shared/http/request-state';
import { json } from '#shared/http/responses';
import { validate } from '#shared/http/validation';
import { updateConcept } from '#shared/services/concepts';
import { cacheKeys, invalidate } from '#shared/services/read-through';

/** A name and a description of at most 5,000 characters fit many times over, even fully escaped. */
const MAX_BODY_BYTES = 64 * 1024;

/** PATCH /concepts/{conceptId}: changes the given fields; `If-Match: "<version>"` makes it conditional (412). */
export const handler = httpFunction(httpFunctions.updateConcept, async (event, context) => {
  const id = validate(conceptIdSchema, event.pathParameters?.conceptId, 'concept id');
  refuseQuery(event);
  const patch = validate(updateConceptSchema, readJsonBody(event, MAX_BODY_BYTES), 'request body');
  // The body is checked first: a malformed request is a 400 whatever its precondition says.
  const expectedVersion = ifMatchVersion(event);
  audit(context, {
    action: 'concept.update',
    resourceType: 'concept',
    resourceId: id,
    details: { fields: Object.keys(patch) },
  });
  const concept = await conditionalUpdate(expectedVersion, () =>
    updateConcept({ id, patch, expectedVersion }, { concepts: knowledgeStore() }),
  );
  await invalidate([cacheKeys.concept(id)]);
  return json(200, concept, { etag: versionTag(concept.version) });
});
