import { DOMAINS, type Domain } from '#shared/domain/documents';
import { chooseModel } from '#shared/domain/embedding-models';
import { queryKeywords } from '#shared/domain/keyword-terms';
import type { SearchHit, SearchQuery, SearchResult, SimilarQuery, SimilarResult } from '#shared/domain/vector-search';
import { NotFoundError, ServiceUnavailableError } from '#shared/errors';
import { METRIC, metrics, MetricUnit } from '#shared/observability/metrics';
import { ModelNotInstalledError, type Embedder, type EmbeddingModel } from '#shared/ports/embedder';
import type { DocumentKnowledgeStore } from '#shared/ports/document-knowledge-store';
import type { GraphStore } from '#shared/ports/graph-store';
import type { ScoredPoint, VectorStore } from '#shared/ports/vector-store';

export interface SearchDeps {
  readonly embedders: readonly Embedder[];
  readonly vectors: VectorStore;
  /** Where each hit's entities and concepts come from: one batched query per search. */
  readonly documents: Pick<DocumentKnowledgeStore, 'documentLinks'>;
}

/** Chunks asked for per hit wanted: several chunks of one document collapse into one hit. */
const CHUNKS_PER_HIT = 3;

/**
 * Documents by meaning: the query is embedded with the model its language would be indexed with, the
 * nearest chunks are found in the domain (or every domain) — in hybrid mode fused with the chunks that
 * best match its words (BM25) — and each document is returned once, with its best chunk's score and
 * excerpt.
 */
export async function searchDocuments(query: SearchQuery, deps: SearchDeps): Promise<SearchResult> {
  const model = chooseModel(
    { language: query.language ?? 'en', domain: query.domain },
    deps.embedders.map((e) => e.model),
  ).model;
  const embedder = deps.embedders.find((candidate) => candidate.model === model) as Embedder;
  const [vector] = await embedOrUnavailable(embedder, [query.q]);
  const domains: readonly Domain[] = query.domain === undefined ? DOMAINS : [query.domain];
  const keywords = query.mode === 'hybrid' ? queryKeywords(query.q) : undefined;
  const started = performance.now();
  const found = await Promise.all(
    domains.map((domain) =>
      deps.vectors.search({
        domain,
        model,
        vector: vector as Float32Array,
        limit: query.limit * CHUNKS_PER_HIT,
        threshold: query.threshold,
        ...(query.language !== undefined && { filter: { language: query.language } }),
        ...(keywords !== undefined && keywords.indices.length > 0 && { keywords }),
      }),
    ),
  );
  metrics.addMetric(METRIC.vectorSearchDuration, MetricUnit.Milliseconds, performance.now() - started);
  const hits = bestPerDocument(found.flat(), query.limit);
  const links = await deps.documents.documentLinks(hits.map((hit) => hit.documentId));
  return {
    model: model.name,
    mode: query.mode,
    // A hit whose document the graph no longer holds (deleted between index and graph) links to nothing.
    hits: hits.map((hit) => ({ ...hit, entities: [], concepts: [], ...links.get(hit.documentId) })),
  };
}

/** Documents near one document: the mean of its chunks' vectors, searched in its domain, itself left out. */
export async function similarDocuments(
  documentId: string,
  query: SimilarQuery,
  deps: {
    readonly graph: GraphStore;
    readonly vectors: VectorStore;
    /** The models the vectors may be of, general first: no text is embedded here. */
    readonly models: readonly EmbeddingModel[];
  },
): Promise<SimilarResult> {
  const document = await deps.graph.getDocument(documentId);
  if (document === undefined) throw new NotFoundError(`No document '${documentId}'`);
  const { models } = deps;
  const page = await deps.vectors.scroll(document.domain, { limit: 1_000, filter: { documentId }, withVectors: true });
  const first = page.points[0];
  const model = models.find((candidate) => candidate.name === first?.payload.model) ?? models[0];
  if (first === undefined || model === undefined) return { model: model?.name ?? 'none', hits: [] };
  const centroid = meanVector(
    page.points.flatMap((point) => (point.vector === undefined ? [] : [point.vector])),
    model,
  );
  const found = await deps.vectors.search({
    domain: document.domain,
    model,
    vector: centroid,
    limit: query.limit * CHUNKS_PER_HIT,
    threshold: query.threshold,
    filter: { notDocumentId: documentId },
  });
  return { model: model.name, hits: bestPerDocument(found, query.limit) };
}

async function embedOrUnavailable(embedder: Embedder, texts: readonly string[]): Promise<Float32Array[]> {
  try {
    return await embedder.embed(texts);
  } catch (error) {
    if (error instanceof ModelNotInstalledError) {
      throw new ServiceUnavailableError('Search is unavailable: no embedding model is installed here', {
        cause: error,
      });
    }
    throw error;
  }
}

function meanVector(vectors: readonly (readonly number[])[], model: EmbeddingModel): Float32Array {
  const mean = new Float32Array(model.dimensions);
  for (const vector of vectors) vector.forEach((value, d) => (mean[d] = (mean[d] ?? 0) + value / vectors.length));
  return mean;
}

/** Each document once, at its best chunk, best first (by fused score in hybrid search), at most `limit`. */
function bestPerDocument(points: readonly ScoredPoint[], limit: number): SearchHit[] {
  const best = new Map<string, ScoredPoint>();
  const rank = (point: ScoredPoint): number => point.fused ?? point.score;
  for (const point of [...points].sort((a, b) => rank(b) - rank(a) || b.score - a.score)) {
    if (!best.has(point.payload.documentId)) best.set(point.payload.documentId, point);
  }
  return [...best.values()].slice(0, limit).map(({ score, fused, payload }) => ({
    documentId: payload.documentId,
    title: payload.title,
    score,
    ...(fused !== undefined && { fusedScore: fused }),
    excerpt: payload.excerpt,
    chunk: payload.chunk,
    domain: payload.domain,
    language: payload.language,
    ...(payload.source !== undefined && { source: payload.source }),
  }));
}
