import { httpFunctions } from '#functions/manifest';
import { documentKnowledgeStore } from '#shared/container/document-knowledge';
import { embedders } from '#shared/container/embedders';
import { vectorStore } from '#shared/container/vectors';
import { searchQuerySchema } from '#shared/domain/vector-search';
import { httpFunction } from '#shared/http/http-function';
import { readQuery } from '#shared/http/query';
import { json } from '#shared/http/responses';
import { searchDocuments } from '#shared/services/semantic-search';

/** GET /search: documents by meaning (and by keywords, in hybrid mode), each once at its best chunk, with its links. */
export const handler = httpFunction(httpFunctions.searchDocuments, async (event) => {
  const query = readQuery(event, searchQuerySchema);
  const result = await searchDocuments(query, {
    embedders: embedders(),
    vectors: vectorStore(),
    documents: documentKnowledgeStore(),
  });
  return json(200, { query: query.q, ...result });
});
