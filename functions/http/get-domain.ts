import { httpFunctions } from '#functions/manifest';
import { documentKnowledgeStore } from '#shared/container/document-knowledge';
import { domainParameterSchema } from '#shared/domain/document-knowledge';
import { httpFunction } from '#shared/http/http-function';
import { refuseQuery } from '#shared/http/query';
import { json } from '#shared/http/responses';
import { validate } from '#shared/http/validation';
import { domainOverview } from '#shared/services/document-reads';

/** GET /domains/{domain}: counts of the domain's documents, entities, concepts and claims, and its hubs. */
export const handler = httpFunction(httpFunctions.getDomain, async (event) => {
  const domain = validate(domainParameterSchema, event.pathParameters?.domain, 'domain');
  refuseQuery(event);
  return json(200, await domainOverview(domain, { documents: documentKnowledgeStore() }));
});
