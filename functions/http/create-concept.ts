import { httpFunctions } from '#functions/manifest';
import { knowledgeStore } from '#shared/container/knowledge';
import { createConceptSchema } from '#shared/domain/concepts';
import { readJsonBody } from '#shared/http/body';
import { httpFunction } from '#shared/http/http-function';
import { versionTag } from '#shared/http/preconditions';
import { refuseQuery } from '#shared/http/query';
import { audit } from '#shared/http/request-state';
import { json } from '#shared/http/responses';
import { validate } from '#shared/http/validation';
import { createConcept } from '#shared/services/concepts';

/** A name and a description of at most 5,000 characters fit many times over, even fully escaped. */
const MAX_BODY_BYTES = 64 * 1024;

/** POST /concepts: 201 with the new concept, where it lives and its ETag. */
export const handler = httpFunction(httpFunctions.createConcept, async (event, context) => {
  refuseQuery(event);
  const input = validate(createConceptSchema, readJsonBody(event, MAX_BODY_BYTES), 'request body');
  const concept = await createConcept(input, { concepts: knowledgeStore() });
  audit(context, { action: 'concept.create', resourceType: 'concept', resourceId: concept.id });
  return json(201, concept, { location: `/concepts/${concept.id}`, etag: versionTag(concept.version) });
});
