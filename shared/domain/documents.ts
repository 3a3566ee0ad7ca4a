import { createHash } from 'node:crypto';
import * as z from 'zod/mini';
import { DOMAINS, type Domain } from './domains.ts';
import { userText } from './text.ts';

export { DOMAINS, isDomain, type Domain } from './domains.ts';

/** Explicit limits, enforced on intake and kept small enough that one document always fits one queue message. */
export const DOCUMENT_LIMITS = {
  maxDocuments: 100,
  maxTitleLength: 500,
  maxTextLength: 60_000,
  maxSourceLength: 2_048,
  /** Bodies above this are refused before parsing: 100 documents at full length stay under it. */
  maxBodyBytes: 6 * 1024 * 1024,
} as const;

export const documentInputSchema = z.strictObject({
  title: userText({ max: DOCUMENT_LIMITS.maxTitleLength }),
  text: userText({ min: 1, max: DOCUMENT_LIMITS.maxTextLength, trim: false }),
  domain: z._default(z.enum(DOMAINS), 'general'),
  source: z.optional(userText({ max: DOCUMENT_LIMITS.maxSourceLength })),
});
export type DocumentInput = z.infer<typeof documentInputSchema>;

export const documentSubmissionSchema = z.strictObject({
  documents: z.array(documentInputSchema).check(z.minLength(1), z.maxLength(DOCUMENT_LIMITS.maxDocuments)),
});
export type DocumentSubmission = z.infer<typeof documentSubmissionSchema>;

/** A document as the graph stores it. */
export interface KnowledgeDocument {
  /** Derived from the content, so a resubmitted document lands on the same node. */
  readonly id: string;
  readonly title: string;
  readonly text: string;
  readonly domain: Domain;
  readonly source?: string;
  readonly contentHash: string;
}

/**
 * The document's fields as a store writes them, every one present (a store's parameter for an absent source is
 * null): what the graph adapters each bind to their statement.
 */
export function storedDocumentFields(document: KnowledgeDocument): Record<keyof KnowledgeDocument, string | null> {
  return {
    id: document.id,
    title: document.title,
    text: document.text,
    domain: document.domain,
    source: document.source ?? null,
    contentHash: document.contentHash,
  };
}

/** sha256 over title, domain and text: equal content gets the same id, whoever sends it and how often. */
export function contentHash(input: Pick<DocumentInput, 'title' | 'text' | 'domain'>): string {
  return createHash('sha256').update(`${input.domain}\u0000${input.title}\u0000${input.text}`).digest('hex');
}

export function toKnowledgeDocument(input: DocumentInput): KnowledgeDocument {
  const hash = contentHash(input);
  return {
    id: `doc_${hash.slice(0, 32)}`,
    title: input.title,
    text: input.text,
    domain: input.domain,
    ...(input.source === undefined ? {} : { source: input.source }),
    contentHash: hash,
  };
}
