import { httpFunctions } from '#functions/manifest';
import { knowledgeStore } from '#shared/container/knowledge';
import { claimListQuerySchema } from '#shared/domain/claims';
import { httpFunction } from '#shared/http/http-function';
import { readQuery } from '#shared/http/query';
import { json } from '#shared/http/responses';
import { listClaims } from '#shared/services/claims';

/** GET /claims: one page of claims, newest first; `nextCursor` fetches the next with the same filters. */
export const handler = httpFunction(httpFunctions.listClaims, async (event) => {
  const query = readQuery(event, claimListQuerySchema);
  const page = await listClaims(query, { claims: knowledgeStore() });
  return json(200, page);
});
