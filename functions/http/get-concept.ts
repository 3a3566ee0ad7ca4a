import { httpFunctions } from '#functions/manifest';
import { readThroughDeps } from '#shared/container/cache';
import { knowledgeStore } from '#shared/container/knowledge';
import { conceptIdSchema } from '#shared/domain/concepts';
import { NotFoundError } from '#shared/errors';
import { httpFunction } from '#shared/http/http-function';
import { versionTag } from '#shared/http/preconditions';
import { refuseQuery } from '#shared/http/query';
import { json } from '#shared/http/responses';
import { validate } from '#shared/http/validation';
import { getConcept } from '#shared/services/concepts';
import { cacheKeys, readThrough } from '#shared/services/read-through';

/** GET /concepts/{conceptId}: the concept, read through the cache, with its version as ETag. */
export const handler = httpFunction(httpFunctions.getConcept, async (event) => {
  const conceptId = validate(conceptIdSchema, event.pathParameters?.conceptId, 'concept id');
  refuseQuery(event);
  const { value: concept } = await readThrough(
    cacheKeys.concept(conceptId),
    () => getConcept(conceptId, { concepts: knowledgeStore() }),
    readThroughDeps(),
  );
  // getConcept throws for an unknown id before anything is cached; this only narrows the type.
  if (concept === undefined) throw new NotFoundError(`No concept '${conceptId}'`);
  return json(200, concept, { etag: versionTag(concept.version) });
});
