import { chooseModel } from '#shared/domain/embedding-models';
import { chunkPointId, chunkText, excerpt } from '#shared/domain/document-chunks';
import type { KnowledgeDocument } from '#shared/domain/documents';
import { documentKeywords } from '#shared/domain/keyword-terms';
import { vectorRejection, type VectorRejection } from '#shared/domain/vector-quality';
import { logger } from '#shared/observability/logger';
import { METRIC, metrics, MetricUnit } from '#shared/observability/metrics';
import { ModelNotInstalledError, type Embedder } from '#shared/ports/embedder';
import type { VectorPoint, VectorStore } from '#shared/ports/vector-store';

export interface DocumentVectorDeps {
  /** General model first; `chooseModel` picks among them by language and domain. */
  readonly embedders: readonly Embedder[];
  readonly vectors: VectorStore;
}

export interface VectorIndexing {
  readonly model?: string;
  readonly chunks: number;
  readonly rejected: number;
  /** False when no model is installed here: the document is stored, not indexed. */
  readonly indexed: boolean;
}

/** Chunks embedded per model call: one batch keeps ONNX busy without holding a long document's all at once. */
const EMBED_BATCH = 16;

const emptyTextVectors = new WeakMap<Embedder, Promise<Float32Array>>();

/**
 * Embeds a document chunk by chunk with the model chosen for its language and domain, refuses vectors that
 * fail the quality check (counted by reason), and upserts one point per chunk with its keyword vector
 * (for hybrid search). Point ids come from the
 * document id and chunk number, so indexing the same document again rewrites the same points.
 */
export async function indexDocumentVectors(
  document: KnowledgeDocument & { readonly language?: string },
  deps: DocumentVectorDeps,
): Promise<VectorIndexing> {
  const language = document.language ?? 'und';
  const choice = chooseModel(
    { language, domain: document.domain },
    deps.embedders.map((e) => e.model),
  );
  const embedder = deps.embedders.find((candidate) => candidate.model === choice.model);
  if (embedder === undefined) throw new Error(`no embedder serves ${choice.model.name}`);
  const chunks = chunkText(`${document.title}\n${document.text}`);
  let empty: Float32Array;
  try {
    empty = await emptyTextVector(embedder);
  } catch (error) {
    if (!(error instanceof ModelNotInstalledError)) throw error;
    logger.warn('document stored without vectors: no embedding model installed', { documentId: document.id });
    metrics.addMetric(METRIC.documentsNotIndexed, MetricUnit.Count, 1);
    return { chunks: 0, rejected: 0, indexed: false };
  }
  const points: VectorPoint[] = [];
  let rejected = 0;
  for (let start = 0; start < chunks.length; start += EMBED_BATCH) {
    const batch = chunks.slice(start, start + EMBED_BATCH);
    const vectors = await embedder.embed(batch.map((chunk) => chunk.text));
    batch.forEach((chunk, i) => {
      const vector = vectors[i];
      const rejection = vector === undefined ? 'non-finite' : vectorRejection(vector, empty);
      if (rejection !== undefined || vector === undefined) {
        countRejection(rejection ?? 'non-finite', document.id, chunk.index);
        rejected += 1;
        return;
      }
      points.push({
        id: chunkPointId(document.id, chunk.index),
        vector,
        keywords: documentKeywords(chunk.text),
        payload: {
          documentId: document.id,
          chunk: chunk.index,
          title: document.title,
          domain: document.domain,
          language,
          model: choice.model.name,
          excerpt: excerpt(chunk.text),
          ...(document.source !== undefined && { source: document.source }),
        },
      });
    });
  }
  await deps.vectors.upsert(document.domain, choice.model, points);
  return { model: choice.model.name, chunks: points.length, rejected, indexed: true };
}

function emptyTextVector(embedder: Embedder): Promise<Float32Array> {
  let vector = emptyTextVectors.get(embedder);
  if (vector === undefined) {
    vector = embedder.embed(['']).then(([first]) => first ?? new Float32Array(embedder.model.dimensions));
    emptyTextVectors.set(embedder, vector);
    vector.catch(() => emptyTextVectors.delete(embedder));
  }
  return vector;
}

function countRejection(reason: VectorRejection, documentId: string, chunk: number): void {
  const metric = metrics.singleMetric();
  metric.addDimension('reason', reason);
  metric.addMetric(METRIC.embeddingsRejected, MetricUnit.Count, 1);
  logger.warn('embedding rejected', { documentId, chunk, reason });
}
