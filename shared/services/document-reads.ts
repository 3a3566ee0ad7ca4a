import type {
  DocumentDetails,
  DocumentListQuery,
  DocumentPage,
  DomainOverview,
} from '#shared/domain/document-knowledge';
import type { Domain } from '#shared/domain/documents';
import { NotFoundError } from '#shared/errors';
import type { DocumentKnowledgeStore } from '#shared/ports/document-knowledge-store';

/*
 * Reading what documents became, apart from `document-knowledge.ts` (which runs the text processor), so the
 * read routes do not bundle the language models.
 */

export interface DocumentReadDeps {
  readonly documents: Pick<DocumentKnowledgeStore, 'getDocument' | 'listDocuments' | 'domainOverview'>;
}

export async function getDocumentDetails(id: string, deps: DocumentReadDeps): Promise<DocumentDetails> {
  const document = await deps.documents.getDocument(id);
  if (document === undefined) throw new NotFoundError(`No document '${id}'`);
  return document;
}

export function listDocuments(query: DocumentListQuery, deps: DocumentReadDeps): Promise<DocumentPage> {
  return deps.documents.listDocuments(query);
}

export function domainOverview(domain: Domain, deps: DocumentReadDeps): Promise<DomainOverview> {
  return deps.documents.domainOverview(domain);
}
