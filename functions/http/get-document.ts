import { httpFunctions } from '#functions/manifest';
import { documentKnowledgeStore } from '#shared/container/document-knowledge';
import { documentIdSchema } from '#shared/domain/document-knowledge';
import { httpFunction } from '#shared/http/http-function';
import { refuseQuery } from '#shared/http/query';
import { json } from '#shared/http/responses';
import { validate } from '#shared/http/validation';
import { getDocumentDetails } from '#shared/services/document-reads';

/** GET /documents/{documentId}: the document with its summary, entities and concepts. */
export const handler = httpFunction(httpFunctions.getDocument, async (event) => {
  const documentId = validate(documentIdSchema, event.pathParameters?.documentId, 'document id');
  refuseQuery(event);
  return json(200, await getDocumentDetails(documentId, { documents: documentKnowledgeStore() }));
});
