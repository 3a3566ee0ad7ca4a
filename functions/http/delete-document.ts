import { httpFunctions } from '#functions/manifest';
import { graphStore } from '#shared/container/graph';
import { vectorStore } from '#shared/container/vectors';
import { documentIdSchema } from '#shared/domain/document-knowledge';
import { httpFunction } from '#shared/http/http-function';
import { refuseQuery } from '#shared/http/query';
import { audit } from '#shared/http/request-state';
import { noContent } from '#shared/http/responses';
import { validate } from '#shared/http/validation';
import { deleteDocument } from '#shared/services/document-deletion';

/** DELETE /documents/{documentId}: 204 whether or not it was there (idempotent); node, vectors and orphans go. */
export const handler = httpFunction(httpFunctions.deleteDocument, async (event, context) => {
  const documentId = validate(documentIdSchema, event.pathParameters?.documentId, 'document id');
  refuseQuery(event);
  audit(context, { action: 'document.delete', resourceType: 'document', resourceId: documentId });
  await deleteDocument(documentId, { graph: await graphStore(), vectors: vectorStore() });
  return noContent();
});
