import type { Domain } from '#shared/domain/documents';
import type { SparseVector } from '#shared/domain/keyword-terms';
import type { EmbeddingModel } from './embedder.ts';
import type { HealthCheck } from './health.ts';

/** What each stored vector carries: one chunk of one document, and the model that embedded it. */
export interface ChunkPayload {
  readonly documentId: string;
  /** 0-based position of the chunk in its document. */
  readonly chunk: number;
  readonly title: string;
  readonly domain: Domain;
  readonly language: string;
  readonly model: string;
  /** The chunk's first characters, at most 200. */
  readonly excerpt: string;
  readonly source?: string;
}

export interface VectorPoint {
  /** A UUID derived from the document id and the chunk, so rewriting a chunk lands on the same point. */
  readonly id: string;
  readonly vector: Float32Array | readonly number[];
  readonly payload: ChunkPayload;
  /** The chunk's keyword vector (`documentKeywords`), for hybrid search; without it only dense search finds it. */
  readonly keywords?: SparseVector;
}

export interface StoredPoint {
  readonly id: string;
  readonly payload: ChunkPayload;
  /** Only when asked for (`withVectors`). */
  readonly vector?: readonly number[];
}

export interface ScoredPoint extends StoredPoint {
  /** Cosine similarity, -1 to 1. */
  readonly score: number;
  /** Hybrid search only: the reciprocal rank fusion score the points are ordered by. */
  readonly fused?: number;
}

/** Conditions on the payload; all must hold. */
export interface PointFilter {
  readonly documentId?: string;
  readonly language?: string;
  /** Leave this document's points out (e.g. "similar to this one"). */
  readonly notDocumentId?: string;
}

export interface VectorQuery {
  readonly domain: Domain;
  readonly model: EmbeddingModel;
  readonly vector: Float32Array | readonly number[];
  readonly limit: number;
  /** Hits whose cosine is below this are left out; in hybrid search, only those found by meaning. */
  readonly threshold?: number;
  readonly filter?: PointFilter;
  /**
   * Hybrid search: the query's keyword vector (`queryKeywords`). The `limit` nearest points (threshold
   * applied) and the `limit` best by BM25 (whatever their cosine: an exact word the model scores low is
   * what keywords are for) are fused by reciprocal rank (k = RRF_K) and ordered by `fused`.
   */
  readonly keywords?: SparseVector;
}

export interface ScrollPage {
  readonly points: readonly StoredPoint[];
  /** Pass as `offset` for the next page; absent on the last page. */
  readonly nextOffset?: string;
}

/**
 * The vector index: one collection per domain (`documents_<domain>`), one named vector per model, created
 * on first use. Writes are idempotent: upserting a point id again replaces it.
 */
export interface VectorStore extends HealthCheck {
  upsert(domain: Domain, model: EmbeddingModel, points: readonly VectorPoint[]): Promise<void>;
  /** The nearest points by cosine similarity, best first, at most `limit`. */
  search(query: VectorQuery): Promise<ScoredPoint[]>;
  retrieve(
    domain: Domain,
    ids: readonly string[],
    options?: { model?: EmbeddingModel; withVectors?: boolean },
  ): Promise<StoredPoint[]>;
  /** Points in id order, a page at a time; vectors of `model` when `withVectors`. */
  scroll(
    domain: Domain,
    options: { limit: number; offset?: string; filter?: PointFilter; model?: EmbeddingModel; withVectors?: boolean },
  ): Promise<ScrollPage>;
  count(domain: Domain, filter?: PointFilter): Promise<number>;
  /** Removes every point of the document; nothing to remove is not an error. */
  deleteDocument(domain: Domain, documentId: string): Promise<void>;
}
