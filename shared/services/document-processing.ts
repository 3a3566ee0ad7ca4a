import type { DocumentBatchMessage } from '#shared/domain/document-batches';
import type { GraphStore } from '#shared/ports/graph-store';
import { learnFromDocument, type DocumentKnowledgeDeps } from './document-knowledge.ts';
import { indexDocumentVectors, type DocumentVectorDeps } from './document-vectors.ts';

export type DocumentEntry = DocumentBatchMessage['documents'][number];

export interface ProcessingDeps extends DocumentKnowledgeDeps {
  readonly graph: GraphStore;
  /** Where each document's chunks are embedded and indexed; without it documents only reach the graph. */
  readonly vectors?: DocumentVectorDeps;
}

/**
 * The work of one document of a `process-documents` task: stores it in the graph, then what the text
 * processor reads in it (entities, concepts, summary), indexes its chunks as vectors in the language found,
 * and returns its id. Its id comes from its content, the graph merges on it and the chunks' point ids come
 * from it, so doing it again changes nothing. An outage is thrown as a transient `DependencyError` (the
 * message is retried); any other error fails this document.
 */
export async function processDocument(entry: DocumentEntry, deps: ProcessingDeps): Promise<string> {
  await deps.graph.saveDocument(entry.document);
  const analysis = await learnFromDocument(entry.document, deps);
  if (deps.vectors) await indexDocumentVectors({ ...entry.document, language: analysis.language.code }, deps.vectors);
  return entry.document.id;
}
