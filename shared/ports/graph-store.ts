import type { KnowledgeDocument } from '#shared/domain/documents';
import type { HealthCheck } from './health.ts';

/** The knowledge graph. Writes are idempotent: saving the same document twice leaves one node. */
export interface GraphStore extends HealthCheck {
  /** Creates or updates the document node and links it to its domain. */
  saveDocument(document: KnowledgeDocument): Promise<void>;
  getDocument(id: string): Promise<KnowledgeDocument | undefined>;
  /** Removes the document node and its relationships; true when there was one. */
  deleteDocument(id: string): Promise<boolean>;
  /** Constraints and indexes; safe to run any number of times. */
  migrate(): Promise<void>;
  close(): Promise<void>;
}
