import { httpFunctions } from '#functions/manifest';
import { knowledgeStore } from '#shared/container/knowledge';
import { conceptListQuerySchema } from '#shared/domain/concepts';
import { httpFunction } from '#shared/http/http-function';
import { readQuery } from '#shared/http/query';
import { json } from '#shared/http/responses';
import { listConcepts } from '#shared/services/concepts';

/** GET /concepts: one page of concepts by name; `nextCursor` fetches the next with the same filters. */
export const handler = httpFunction(httpFunctions.listConcepts, async (event) => {
  const query = readQuery(event, conceptListQuerySchema);
  const page = await listConcepts(query, { concepts: knowledgeStore() });
  return json(200, page);
});
