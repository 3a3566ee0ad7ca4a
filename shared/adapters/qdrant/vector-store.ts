import type { QdrantClient } from '@qdrant/js-client-rest';
import { ALL_EMBEDDING_MODELS } from '#shared/domain/embedding-models';
import type { Domain } from '#shared/domain/documents';
import type { SparseVector } from '#shared/domain/keyword-terms';
import { RRF_K } from '#shared/domain/reciprocal-rank-fusion';
import {
  collectionName,
  collectionSettings,
  INDEXED_PAYLOAD_FIELDS,
  KEYWORD_VECTOR,
} from '#shared/domain/vector-collections';
import { DependencyError } from '#shared/errors';
import type { EmbeddingModel } from '#shared/ports/embedder';
import type {
  ChunkPayload,
  PointFilter,
  ScoredPoint,
  ScrollPage,
  StoredPoint,
  VectorPoint,
  VectorQuery,
  VectorStore,
} from '#shared/ports/vector-store';

/** Points per upsert request: a few MB of JSON at 1024 dimensions, well under Qdrant's 32 MB limit. */
const UPSERT_BATCH = 128;

type QdrantFilter = NonNullable<NonNullable<Parameters<QdrantClient['scroll']>[1]>['filter']>;

/**
 * Qdrant through its official REST client. Collections are made on first use, with one named vector per
 * registry model (cosine), one sparse vector of keyword weights (`keywords`, IDF applied by Qdrant), the
 * domain's HNSW settings, optional int8 quantization, and keyword indexes on the fields searches filter by.
 * Writes wait for Qdrant to apply them, so a search right after sees them. Hybrid search is one Query API
 * call: a dense and a sparse prefetch fused by RRF.
 */
export class QdrantVectorStore implements VectorStore {
  readonly component = 'vectors';
  readonly adapter = 'qdrant';
  readonly #client: () => Promise<QdrantClient>;
  readonly #quantization: 'none' | 'int8';
  readonly #models: readonly EmbeddingModel[];
  readonly #ready = new Map<Domain, Promise<void>>();
  readonly #namespace: string;

  /** `namespace` prefixes every collection name (several deployments or test runs in one Qdrant). */
  constructor(options: {
    client: () => Promise<QdrantClient>;
    quantization?: 'none' | 'int8';
    models?: readonly EmbeddingModel[];
    namespace?: string;
  }) {
    this.#client = options.client;
    this.#namespace = options.namespace ?? '';
    this.#quantization = options.quantization ?? 'none';
    this.#models = options.models ?? ALL_EMBEDDING_MODELS;
  }

  async check(): Promise<void> {
    await this.#call('check', async (client) => client.getCollections());
  }

  async upsert(domain: Domain, model: EmbeddingModel, points: readonly VectorPoint[]): Promise<void> {
    await this.#collection(domain);
    for (let start = 0; start < points.length; start += UPSERT_BATCH) {
      const batch = points.slice(start, start + UPSERT_BATCH).map((point) => ({
        id: point.id,
        vector: {
          [model.name]: [...point.vector],
          ...(point.keywords !== undefined &&
            point.keywords.indices.length > 0 && {
              [KEYWORD_VECTOR]: sparseVector(point.keywords),
            }),
        },
        payload: { ...point.payload },
      }));
      await this.#call('upsert', (client) => client.upsert(this.#name(domain), { wait: true, points: batch }));
    }
  }

  async search(query: VectorQuery): Promise<ScoredPoint[]> {
    if (!(await this.#exists(query.domain))) return [];
    if (query.keywords !== undefined) return this.#hybridSearch(query, query.keywords);
    const result = await this.#call('search', (client) =>
      client.query(this.#name(query.domain), {
        query: [...query.vector],
        using: query.model.name,
        limit: query.limit,
        ...(query.threshold !== undefined && { score_threshold: query.threshold }),
        ...(query.filter !== undefined && { filter: qdrantFilter(query.filter) }),
        with_payload: true,
      }),
    );
    return result.points.map((point) => ({
      id: String(point.id),
      score: point.score,
      payload: point.payload as unknown as ChunkPayload,
    }));
  }

  /**
   * The dense and the keyword prefetch (each `limit` long, filtered; the threshold on the dense one) fused
   * by RRF. Qdrant answers the fused score; the cosine is computed here from the returned dense vectors.
   */
  async #hybridSearch(query: VectorQuery, keywords: SparseVector): Promise<ScoredPoint[]> {
    const filter = query.filter === undefined ? undefined : qdrantFilter(query.filter);
    const result = await this.#call('search', (client) =>
      client.query(this.#name(query.domain), {
        prefetch: [
          {
            query: [...query.vector],
            using: query.model.name,
            limit: query.limit,
            ...(query.threshold !== undefined && { score_threshold: query.threshold }),
            ...(filter !== undefined && { filter }),
          },
          {
            query: sparseVector(keywords),
            using: KEYWORD_VECTOR,
            limit: query.limit,
            ...(filter !== undefined && { filter }),
          },
        ],
        query: { rrf: { k: RRF_K } },
        limit: query.limit,
        with_payload: true,
        with_vector: [query.model.name],
      }),
    );
    return result.points.map((point) => {
      const vectors = point.vector as Record<string, number[]> | null | undefined;
      return {
        id: String(point.id),
        score: cosine(query.vector, vectors?.[query.model.name] ?? []),
        fused: point.score,
        payload: point.payload as unknown as ChunkPayload,
      };
    });
  }

  async retrieve(
    domain: Domain,
    ids: readonly string[],
    options: { model?: EmbeddingModel; withVectors?: boolean } = {},
  ): Promise<StoredPoint[]> {
    if (ids.length === 0 || !(await this.#exists(domain))) return [];
    const points = await this.#call('retrieve', (client) =>
      client.retrieve(this.#name(domain), {
        ids: [...ids],
        with_payload: true,
        with_vector: vectorSelector(options),
      }),
    );
    return points.map((point) => storedPoint(point, options.model)).sort((a, b) => a.id.localeCompare(b.id));
  }

  async scroll(
    domain: Domain,
    options: { limit: number; offset?: string; filter?: PointFilter; model?: EmbeddingModel; withVectors?: boolean },
  ): Promise<ScrollPage> {
    if (!(await this.#exists(domain))) return { points: [] };
    const page = await this.#call('scroll', (client) =>
      client.scroll(this.#name(domain), {
        limit: options.limit,
        ...(options.offset !== undefined && { offset: options.offset }),
        ...(options.filter !== undefined && { filter: qdrantFilter(options.filter) }),
        with_payload: true,
        with_vector: vectorSelector(options),
      }),
    );
    const next = page.next_page_offset;
    return {
      points: page.points.map((point) => storedPoint(point, options.model)),
      ...((typeof next === 'string' || typeof next === 'number') && { nextOffset: String(next) }),
    };
  }

  async count(domain: Domain, filter?: PointFilter): Promise<number> {
    if (!(await this.#exists(domain))) return 0;
    const result = await this.#call('count', (client) =>
      client.count(this.#name(domain), { exact: true, ...(filter !== undefined && { filter: qdrantFilter(filter) }) }),
    );
    return result.count;
  }

  async deleteDocument(domain: Domain, documentId: string): Promise<void> {
    if (!(await this.#exists(domain))) return;
    await this.#call('delete', (client) =>
      client.delete(this.#name(domain), { wait: true, filter: qdrantFilter({ documentId }) }),
    );
  }

  #name(domain: Domain): string {
    return `${this.#namespace}${collectionName(domain)}`;
  }

  async #exists(domain: Domain): Promise<boolean> {
    if (this.#ready.has(domain)) return true;
    const { exists } = await this.#call('exists', (client) => client.collectionExists(this.#name(domain)));
    return exists;
  }

  /** Creates the domain's collection and its indexes unless it exists; once per container and domain. */
  #collection(domain: Domain): Promise<void> {
    let ready = this.#ready.get(domain);
    if (ready === undefined) {
      ready = this.#create(domain);
      this.#ready.set(domain, ready);
      ready.catch(() => this.#ready.delete(domain));
    }
    return ready;
  }

  async #create(domain: Domain): Promise<void> {
    const name = this.#name(domain);
    const { exists } = await this.#call('exists', (client) => client.collectionExists(name));
    if (exists) return;
    const settings = collectionSettings(domain, this.#quantization);
    await this.#call('create', async (client) => {
      try {
        await client.createCollection(name, {
          vectors: Object.fromEntries(
            this.#models.map((model) => [model.name, { size: model.dimensions, distance: 'Cosine' as const }]),
          ),
          sparse_vectors: { [KEYWORD_VECTOR]: { modifier: 'idf' as const } },
          hnsw_config: { m: settings.hnswM, ef_construct: settings.hnswEfConstruct },
          ...(settings.quantization === 'int8' && {
            quantization_config: { scalar: { type: 'int8' as const, always_ram: true } },
          }),
        });
      } catch (error) {
        if (status(error) !== 409) throw error; // another container made it first: fine
      }
    });
    for (const field of INDEXED_PAYLOAD_FIELDS) {
      await this.#call('index', (client) =>
        client.createPayloadIndex(name, { wait: true, field_name: field, field_schema: 'keyword' }),
      );
    }
  }

  /** Runs one request; a 4xx is a bug here (not retried), anything else an outage (retried by the queue). */
  async #call<T>(operation: string, request: (client: QdrantClient) => Promise<T>): Promise<T> {
    try {
      return await request(await this.#client());
    } catch (error) {
      const code = status(error);
      const transient = code === undefined || code >= 500 || code === 429;
      throw new DependencyError('qdrant', `${operation} failed${code === undefined ? '' : ` (${code})`}`, {
        cause: error,
        transient,
      });
    }
  }
}

function status(error: unknown): number | undefined {
  if (typeof error === 'object' && error !== null && 'status' in error && typeof error.status === 'number') {
    return error.status;
  }
  return undefined;
}

function qdrantFilter(filter: PointFilter): QdrantFilter {
  const must = [];
  const mustNot = [];
  if (filter.documentId !== undefined) must.push({ key: 'documentId', match: { value: filter.documentId } });
  if (filter.language !== undefined) must.push({ key: 'language', match: { value: filter.language } });
  if (filter.notDocumentId !== undefined) mustNot.push({ key: 'documentId', match: { value: filter.notDocumentId } });
  return { ...(must.length > 0 && { must }), ...(mustNot.length > 0 && { must_not: mustNot }) };
}

function sparseVector(keywords: SparseVector): { indices: number[]; values: number[] } {
  return { indices: [...keywords.indices], values: [...keywords.values] };
}

/** Cosine of two vectors of any length (Qdrant returns stored vectors normalised; the query may not be). */
function cosine(a: Float32Array | readonly number[], b: readonly number[]): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let i = 0; i < b.length; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    dot += x * y;
    normA += x * x;
    normB += y * y;
  }
  return normA === 0 || normB === 0 ? 0 : dot / Math.sqrt(normA * normB);
}

function vectorSelector(options: { model?: EmbeddingModel; withVectors?: boolean }): boolean | string[] {
  if (options.withVectors !== true) return false;
  return options.model === undefined ? true : [options.model.name];
}

interface QdrantRecord {
  readonly id: string | number;
  readonly payload?: Record<string, unknown> | null;
  readonly vector?: unknown;
}

function storedPoint(point: QdrantRecord, model?: EmbeddingModel): StoredPoint {
  const payload = point.payload as unknown as ChunkPayload;
  const vectors = point.vector as Record<string, number[]> | null | undefined;
  const vector = vectors?.[model?.name ?? payload.model];
  return { id: String(point.id), payload, ...(vector !== undefined && { vector }) };
}
