import { httpFunctions } from '#functions/manifest';
import { graphStore } from '#shared/container/graph';
import { embeddingModels, vectorStore } from '#shared/container/vectors';
import { documentIdSchema } from '#shared/domain/document-knowledge';
import { similarQuerySchema } from '#shared/domain/vector-search';
import { httpFunction } from '#shared/http/http-function';
import { readQuery } from '#shared/http/query';
import { json } from '#shared/http/responses';
import { validate } from '#shared/http/validation';
import { similarDocuments } from '#shared/services/semantic-search';

/** GET /documents/{documentId}/similar: the documents nearest to this one, itself left out. */
export const handler = httpFunction(httpFunctions.similarDocuments, async (event) => {
  const documentId = validate(documentIdSchema, event.pathParameters?.documentId, 'document id');
  const query = readQuery(event, similarQuerySchema);
  const result = await similarDocuments(documentId, query, {
    graph: await graphStore(),
    models: embeddingModels(),
    vectors: vectorStore(),
  });
  return json(200, { documentId, ...result });
});
