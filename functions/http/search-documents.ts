import { httpFunctions } from '#functions/manifest';
import { embedders } from '#shared/container/embedders';
import { vectorStore } from '#shared/container/vectors';
import { searchQuerySchema } from '#shared/domain/vector-search';
import { httpFunction } from '#shared/http/http-function';
import { readQuery } from '#shared/http/query';
import { json } from '#shared/http/responses';
import { searchDocuments } from '#shared/services/semantic-search';

/** GET /search: documents by meaning, each once at its best chunk, best first. */
export const handler = httpFunction(httpFunctions.searchDocuments, async (event) => {
  const query = readQuery(event, searchQuerySchema);
  const result = await searchDocuments(query, { embedders: embedders(), vectors: vectorStore() });
  return json(200, { query: query.q, ...result });
});
