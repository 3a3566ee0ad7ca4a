import * as z from 'zod/mini';
import type { DocumentLinks } from './document-knowledge.ts';
import { DOMAINS, type Domain } from './domains.ts';
import { userText } from './text.ts';

/**
 * Search defaults: the seed's limit 10; threshold 0.5 rather than the seed's 0.7, because MiniLM's cosine
 * for a relevant passage is often 0.5–0.7 (bench/eval/evaluations/retrieval.ts measures it: see
 * bench/eval/RESULTS.md).
 */
export const SEARCH_LIMITS = {
  maxQueryLength: 1_000,
  defaultLimit: 10,
  maxLimit: 100,
  defaultThreshold: 0.5,
  defaultVisualizationPoints: 500,
  maxVisualizationPoints: 2_000,
} as const;

/**
 * `dense`: by meaning alone (cosine of the embeddings). `hybrid`: those hits fused by reciprocal rank with
 * keyword (BM25) hits, so a rare exact word (a name, a code, a term the model does not know) is found too.
 */
export const SEARCH_MODES = ['dense', 'hybrid'] as const;
export type SearchMode = (typeof SEARCH_MODES)[number];
export const DEFAULT_SEARCH_MODE: SearchMode = 'hybrid';

export { domainParameterSchema } from './domains.ts';

const limit = z._default(
  z.coerce.number().check(z.int(), z.gte(1), z.lte(SEARCH_LIMITS.maxLimit)),
  SEARCH_LIMITS.defaultLimit,
);
const threshold = z._default(z.coerce.number().check(z.gte(-1), z.lte(1)), SEARCH_LIMITS.defaultThreshold);

export const searchQuerySchema = z.strictObject({
  q: userText({ max: SEARCH_LIMITS.maxQueryLength }),
  domain: z.optional(z.enum(DOMAINS)),
  /** ISO 639-1 (or -3) code of the passages to return. */
  language: z.optional(z.string().check(z.regex(/^[a-z]{2,3}$/, 'must be an ISO 639 language code, e.g. en'))),
  limit,
  threshold,
  mode: z._default(z.enum(SEARCH_MODES), DEFAULT_SEARCH_MODE),
});
export type SearchQuery = z.output<typeof searchQuerySchema>;

export const similarQuerySchema = z.strictObject({ limit, threshold });
export type SimilarQuery = z.output<typeof similarQuerySchema>;

export const visualizationQuerySchema = z.strictObject({
  limit: z._default(
    z.coerce.number().check(z.int(), z.gte(3), z.lte(SEARCH_LIMITS.maxVisualizationPoints)),
    SEARCH_LIMITS.defaultVisualizationPoints,
  ),
});

/** One document found by meaning: its best-matching chunk. */
export interface SearchHit {
  readonly documentId: string;
  readonly title: string;
  /** The best chunk's cosine similarity to the query. */
  readonly score: number;
  /** Hybrid search: the reciprocal rank fusion score the hits are ordered by. */
  readonly fusedScore?: number;
  /** The best chunk's first characters, at most 200. */
  readonly excerpt: string;
  readonly chunk: number;
  readonly domain: Domain;
  readonly language: string;
  readonly source?: string;
}

/** A search hit with what its document links to in the graph. */
export interface LinkedSearchHit extends SearchHit, DocumentLinks {}

export interface SearchResult {
  readonly model: string;
  /** How the hits were found. */
  readonly mode: SearchMode;
  readonly hits: readonly LinkedSearchHit[];
}

/** Documents near one document: always by meaning (the mean of its chunk vectors). */
export interface SimilarResult {
  readonly model: string;
  readonly hits: readonly SearchHit[];
}

export interface VectorVisualization {
  readonly domain: Domain;
  readonly model: string;
  /** One [x, y, z] per point, the first three principal components. */
  readonly points: readonly (readonly [number, number, number])[];
  readonly metadata: readonly {
    readonly documentId: string;
    readonly chunk: number;
    readonly title: string;
    readonly language: string;
  }[];
  /** Share of the variance each of the three components explains. */
  readonly explainedVariance: readonly number[];
}
