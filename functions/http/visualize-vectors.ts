import { httpFunctions } from '#functions/manifest';
import { embeddingModels, vectorStore } from '#shared/container/vectors';
import { domainParameterSchema, visualizationQuerySchema } from '#shared/domain/vector-search';
import { httpFunction } from '#shared/http/http-function';
import { readQuery } from '#shared/http/query';
import { json } from '#shared/http/responses';
import { validate } from '#shared/http/validation';
import { visualizeDomain } from '#shared/services/vector-visualization';

/** GET /vectors/{domain}/visualization: the domain's chunk vectors projected to 3-D by PCA. */
export const handler = httpFunction(httpFunctions.visualizeVectors, async (event) => {
  const domain = validate(domainParameterSchema, event.pathParameters?.domain, 'domain');
  const { limit } = readQuery(event, visualizationQuerySchema);
  const model = embeddingModels()[0];
  if (model === undefined) throw new Error('no embedding model is configured');
  return json(200, await visualizeDomain(domain, limit, { vectors: vectorStore(), model }));
});
