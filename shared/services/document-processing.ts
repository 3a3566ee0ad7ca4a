import type { DocumentBatchMessage } from '#shared/domain/document-batches';
import { learnFromDocument, type DocumentKnowledgeDeps } from './document-knowledge.ts';
import { indexDocumentVectors, type DocumentVectorDeps } from './document-vectors.ts';

export type DocumentEntry = DocumentBatchMessage['documents'][number];

export interface ProcessingDeps extends DocumentKnowledgeDeps {
  /** Where each document's chunks are embedded and indexed; without it documents only reach the graph. */
  readonly vectors?: DocumentVectorDeps;
}

/**
 * The work of one document of a `process-documents` task: stores it in the graph with what the text
 * processor reads in it (entities, concepts, summary; one transaction), indexes its chunks as vectors in the
 * language found, and returns its id. Its id comes from its content, the graph merges on it and the chunks' point ids come
 * from it, so doing it again changes nothing. An outage is thrown as a transient `DependencyError` (the
 * message is retried); any other error fails this document.
 */
export async function processDocument(entry: DocumentEntry, deps: ProcessingDeps): Promise<string> {
  const analysis = await learnFromDocument(entry.document, deps);
  if (deps.vectors) await indexDocumentVectors({ ...entry.document, language: analysis.language.code }, deps.vectors);
  return entry.document.id;
}
