import type {
  DocumentDetails,
  DocumentKnowledge,
  DocumentLinks,
  DocumentListQuery,
  DocumentPage,
  DomainOverview,
} from '#shared/domain/document-knowledge';
import type { Domain, KnowledgeDocument } from '#shared/domain/documents';
import type { HealthCheck } from './health.ts';
import type { KnownNameLookup } from './known-names.ts';

/**
 * What the graph knows of its documents: their analysis, the Entities they MENTION (node key name +
 * domain) and the Concepts they are ABOUT. Lives in the same graph as the documents and concepts.
 */
export interface DocumentKnowledgeStore extends KnownNameLookup, HealthCheck {
  /**
   * Stores the analysis on the document, merges its entities and replaces its MENTIONS and ABOUT links
   * with these (a concept that no longer exists is skipped). Saving the same knowledge again changes
   * nothing. `NotFoundError` when the document is not in the graph.
   */
  saveDocumentKnowledge(knowledge: DocumentKnowledge): Promise<void>;
  /**
   * Stores the document (as `GraphStore.saveDocument`) and its analysis (as `saveDocumentKnowledge`) in one
   * transaction: one round trip for a processed document instead of two. Idempotent as each of them is.
   */
  saveAnalyzedDocument(document: KnowledgeDocument, knowledge: DocumentKnowledge): Promise<void>;
  /** The document with its entities (by name) and concepts (by confidence, most first); undefined when unknown. */
  getDocument(id: string): Promise<DocumentDetails | undefined>;
  /**
   * The entities and concepts of several documents at once, in one query (a search's hits): each known id
   * maps to its links, at most `maxLinksPerHit` of each; unknown ids are left out.
   */
  documentLinks(ids: readonly string[]): Promise<ReadonlyMap<string, DocumentLinks>>;
  /** One page of documents in id order; a bad limit or a cursor of another query is a `ValidationError`. */
  listDocuments(query: DocumentListQuery): Promise<DocumentPage>;
  /** Counts of the domain's documents, entities, concepts and claims, and its most connected concepts. */
  domainOverview(domain: Domain): Promise<DomainOverview>;
}
