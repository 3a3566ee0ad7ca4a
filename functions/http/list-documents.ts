import { httpFunctions } from '#functions/manifest';
import { documentKnowledgeStore } from '#shared/container/document-knowledge';
import { documentListQuerySchema } from '#shared/domain/document-knowledge';
import { httpFunction } from '#shared/http/http-function';
import { readQuery } from '#shared/http/query';
import { json } from '#shared/http/responses';
import { listDocuments } from '#shared/services/document-reads';

/** GET /documents: one page of documents by id; `nextCursor` fetches the next with the same filters. */
export const handler = httpFunction(httpFunctions.listDocuments, async (event) => {
  const query = readQuery(event, documentListQuerySchema);
  return json(200, await listDocuments(query, { documents: documentKnowledgeStore() }));
});
