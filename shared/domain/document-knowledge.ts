import { createHash } from 'node:crypto';
import * as z from 'zod/mini';
import { CURSOR_MAX_LENGTH, cursorScope, decodeCursor, encodeCursor } from './cursor.ts';
import { checkLimit } from './versioned.ts';
import { DOMAINS, type Domain } from './documents.ts';
import {
  ENTITY_TYPES,
  SENTIMENT_LABELS,
  type DetectedLanguage,
  type EntityType,
  type Sentiment,
  type TextAnalysis,
} from './text-analysis.ts';

export const DOCUMENT_LIST_LIMITS = {
  maxPageSize: 100,
  defaultPageSize: 20,
  maxTopConcepts: 10,
  /** Entities and concepts shown with each search hit: the most mentioned, the most confident. */
  maxLinksPerHit: 10,
} as const;

export const documentIdSchema = z
  .string()
  .check(z.regex(/^doc_[0-9a-f]{32}$/, { error: 'must be a document id (doc_ and 32 hexadecimal digits)' }));

/** An Entity node's id, derived from its node key (name, domain): the same entity always gets the same id. */
export function entityId(name: string, domain: Domain): string {
  return `ent_${createHash('sha256').update(`${domain}\u0000${name}`).digest('hex').slice(0, 32)}`;
}

/** What the graph keeps of one document's analysis. Saving it again replaces its links, so it is idempotent. */
export interface DocumentKnowledge {
  readonly documentId: string;
  readonly domain: Domain;
  readonly language: DetectedLanguage;
  readonly summary: string;
  readonly sentiment: Sentiment;
  readonly keyPhrases: readonly string[];
  /** Entities the document MENTIONS, one per name, with how often. */
  readonly entities: readonly { readonly name: string; readonly type: EntityType; readonly mentions: number }[];
  /** Existing concepts the document is ABOUT. */
  readonly concepts: readonly { readonly conceptId: string; readonly confidence: number }[];
}

/** The graph's record of one analysis: recognized entities by name, linked concepts by id. */
export function documentKnowledge(
  document: { readonly id: string; readonly domain: Domain },
  analysis: TextAnalysis,
): DocumentKnowledge {
  const entities = new Map<string, { name: string; type: EntityType; mentions: number }>();
  for (const entity of analysis.entities) {
    const seen = entities.get(entity.text);
    entities.set(entity.text, {
      name: entity.text,
      type: seen?.type ?? entity.type,
      mentions: (seen?.mentions ?? 0) + 1,
    });
  }
  return {
    documentId: document.id,
    domain: document.domain,
    language: analysis.language,
    summary: analysis.summary.text,
    sentiment: analysis.sentiment,
    keyPhrases: analysis.keyPhrases.map((phrase) => phrase.text),
    entities: [...entities.values()],
    concepts: analysis.concepts.flatMap((concept) =>
      concept.linkedId === undefined ? [] : [{ conceptId: concept.linkedId, confidence: concept.confidence }],
    ),
  };
}

const sentimentSchema = z.object({ label: z.enum(SENTIMENT_LABELS), score: z.number().check(z.gte(-1), z.lte(1)) });

/** A document in a list: what it is and what its analysis found, without its text. */
export const documentSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  domain: z.enum(DOMAINS),
  source: z.optional(z.string()),
  contentHash: z.string(),
  /** Absent until the document has been analysed. */
  language: z.optional(z.object({ code: z.string(), confidence: z.number().check(z.gte(0), z.lte(1)) })),
  summary: z.optional(z.string()),
  sentiment: z.optional(sentimentSchema),
});
export type DocumentSummary = z.infer<typeof documentSummarySchema>;

export const documentEntitySchema = z.object({
  id: z.string(),
  name: z.string(),
  type: z.enum(ENTITY_TYPES),
  mentions: z.int().check(z.gte(1)),
});

export const documentConceptSchema = z.object({
  id: z.string(),
  name: z.string(),
  confidence: z.number().check(z.gte(0), z.lte(1)),
});

export type DocumentEntity = z.infer<typeof documentEntitySchema>;
export type DocumentConcept = z.infer<typeof documentConceptSchema>;

/** What a document links to in the graph, as a search hit shows it. */
export interface DocumentLinks {
  /** The entities it MENTIONS, most mentioned first (then by name), at most `maxLinksPerHit`. */
  readonly entities: readonly DocumentEntity[];
  /** The concepts it is ABOUT, most confident first (then by id), at most `maxLinksPerHit`. */
  readonly concepts: readonly DocumentConcept[];
}

/** `GET /documents/{id}`: the document, its text, and the entities and concepts it links to. */
export const documentDetailsSchema = z.extend(documentSummarySchema, {
  text: z.string(),
  keyPhrases: z.array(z.string()),
  entities: z.array(documentEntitySchema),
  concepts: z.array(documentConceptSchema),
});
export type DocumentDetails = z.infer<typeof documentDetailsSchema>;

/** Query of `GET /documents`. */
export const documentListQuerySchema = z.strictObject({
  domain: z.optional(z.enum(DOMAINS)),
  /** ISO 639-1, as the analysis detected it. */
  language: z.optional(
    z
      .string()
      .check(z.regex(/^([a-z]{2}|und)$/, { error: 'must be an ISO 639-1 code (two lower-case letters) or und' })),
  ),
  limit: z._default(
    z.coerce.number().check(z.int(), z.gte(1), z.lte(DOCUMENT_LIST_LIMITS.maxPageSize)),
    DOCUMENT_LIST_LIMITS.defaultPageSize,
  ),
  cursor: z.optional(z.string().check(z.minLength(1), z.maxLength(CURSOR_MAX_LENGTH))),
});
export type DocumentListQuery = z.infer<typeof documentListQuerySchema>;

export interface DocumentPage {
  readonly items: readonly DocumentSummary[];
  readonly nextCursor?: string;
}

/** A checked list query as both adapters run it: documents by id, strictly after `afterId`. */
export interface ResolvedDocumentQuery {
  readonly domain?: Domain;
  readonly language?: string;
  readonly limit: number;
  readonly afterId?: string;
}

const positionSchema = z.strictObject({ id: z.string().check(z.maxLength(200)) });

export function resolveDocumentQuery(query: DocumentListQuery): ResolvedDocumentQuery {
  checkLimit(query.limit, DOCUMENT_LIST_LIMITS.maxPageSize);
  const resolved = { domain: query.domain, language: query.language, limit: query.limit };
  if (query.cursor === undefined) return resolved;
  return { ...resolved, afterId: decodeCursor(query.cursor, documentScope(query), positionSchema).id };
}

/** The page for `rows`, which the adapter fetched in id order up to `limit + 1`. */
export function documentPage(rows: readonly DocumentSummary[], query: DocumentListQuery): DocumentPage {
  if (rows.length <= query.limit) return { items: rows };
  const items = rows.slice(0, query.limit);
  const last = items[items.length - 1];
  if (!last) return { items };
  return { items, nextCursor: encodeCursor(documentScope(query), { id: last.id }) };
}

function documentScope(query: DocumentListQuery): string {
  return cursorScope('documents', { domain: query.domain, language: query.language });
}

export { domainParameterSchema } from './domains.ts';

/** `GET /domains/{domain}`: the shape of one domain. */
export const domainOverviewSchema = z.object({
  domain: z.enum(DOMAINS),
  documents: z.int().check(z.gte(0)),
  entities: z.int().check(z.gte(0)),
  concepts: z.int().check(z.gte(0)),
  claims: z.int().check(z.gte(0)),
  /** Its concepts with the most relations and documents about them, most first. */
  topConcepts: z.array(z.object({ id: z.string(), name: z.string(), connections: z.int().check(z.gte(1)) })),
});
export type DomainOverview = z.infer<typeof domainOverviewSchema>;
