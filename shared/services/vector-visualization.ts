import type { Domain } from '#shared/domain/documents';
import type { VectorVisualization } from '#shared/domain/vector-search';
import type { EmbeddingModel } from '#shared/ports/embedder';
import type { VectorStore } from '#shared/ports/vector-store';

/**
 * The shape of a domain's vector space, as the seed draws it: up to `limit` chunk vectors of the model,
 * projected by PCA (ml-pca, NIPALS for the first three components) onto 3-D, with each point's metadata and
 * the share of variance each axis explains. Fewer than three points have no shape: they come back empty.
 * ml-pca and ml-matrix (~70 KB, ~4.5 ms to load) are loaded by the first request that has a shape to project, so
 * a cold start does not load them at import, and a request on an empty domain never does.
 */
export async function visualizeDomain(
  domain: Domain,
  limit: number,
  deps: { readonly vectors: VectorStore; readonly model: EmbeddingModel },
): Promise<VectorVisualization> {
  const page = await deps.vectors.scroll(domain, { limit, model: deps.model, withVectors: true });
  const points = page.points.filter((point) => point.vector !== undefined && point.payload.model === deps.model.name);
  const empty = { domain, model: deps.model.name, points: [], metadata: [], explainedVariance: [] };
  if (points.length < 3) return empty;
  const data = points.map((point) => [...(point.vector ?? [])]);
  const { PCA } = await import('ml-pca');
  const pca = new PCA(data, { method: 'NIPALS', nCompNIPALS: 3 });
  const projected = pca.predict(data, { nComponents: 3 }).to2DArray();
  const round = (value: number): number => Math.round(value * 1e6) / 1e6;
  return {
    domain,
    model: deps.model.name,
    points: projected.map((row) => [round(row[0] ?? 0), round(row[1] ?? 0), round(row[2] ?? 0)] as const),
    metadata: points.map(({ payload }) => ({
      documentId: payload.documentId,
      chunk: payload.chunk,
      title: payload.title,
      language: payload.language,
    })),
    explainedVariance: pca.getExplainedVariance().slice(0, 3).map(round),
  };
}
