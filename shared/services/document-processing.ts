import type { DocumentBatchMessage } from '#shared/domain/document-batches';
import type { GraphStore } from '#shared/ports/graph-store';
import { learnFromDocument, type DocumentKnowledgeDeps } from './document-knowledge.ts';

export type DocumentEntry = DocumentBatchMessage['documents'][number];

export interface ProcessingDeps extends DocumentKnowledgeDeps {
  readonly graph: GraphStore;
}

/**
 * The work of one document of a `process-documents` task: stores it in the graph, then what the text
 * processor reads in it (entities, concepts, summary), and returns its id. Its id comes from its content and
 * the graph merges on it, so doing it again changes nothing. An outage is thrown as a transient
 * `DependencyError` (the message is retried); any other error fails this document.
 */
export async function processDocument(entry: DocumentEntry, deps: ProcessingDeps): Promise<string> {
  await deps.graph.saveDocument(entry.document);
  await learnFromDocument(entry.document, deps);
  return entry.document.id;
}
