import type { DocumentBatchMessage } from '#shared/domain/document-batches';
import type { GraphStore } from '#shared/ports/graph-store';
import { indexDocumentVectors, type DocumentVectorDeps } from './document-vectors.ts';

export type DocumentEntry = DocumentBatchMessage['documents'][number];

export interface ProcessingDeps {
  readonly graph: GraphStore;
  /** Where each document's chunks are embedded and indexed; without it documents only reach the graph. */
  readonly vectors?: DocumentVectorDeps;
}

/**
 * The work of one document of a `process-documents` task: stores it in the graph, indexes its chunks as
 * vectors, and returns its id. Its id comes from its content, the graph merges on it and the chunks' point
 * ids come from it, so doing it again changes nothing. An outage is thrown as a transient `DependencyError`
 * (the message is retried); any other error fails this document.
 */
export async function processDocument(entry: DocumentEntry, deps: ProcessingDeps): Promise<string> {
  await deps.graph.saveDocument(entry.document);
  if (deps.vectors) await indexDocumentVectors(entry.document, deps.vectors);
  return entry.document.id;
}
