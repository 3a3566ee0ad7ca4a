import type { Domain } from '#shared/domain/documents';
import { principalComponents } from '#shared/domain/principal-components';
import type { VectorVisualization } from '#shared/domain/vector-search';
import type { EmbeddingModel } from '#shared/ports/embedder';
import type { VectorStore } from '#shared/ports/vector-store';

/**
 * The shape of a domain's vector space, as the seed draws it: up to `limit` chunk vectors of the model,
 * projected by PCA (NIPALS for the first three components, as ml-pca computes it: principal-components.ts)
 * onto 3-D, with each point's metadata and the share of variance each axis explains. Fewer than three points
 * have no shape: they come back empty.
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
  const { scores, explainedVariance } = principalComponents(
    points.map((point) => point.vector ?? []),
    3,
  );
  const round = (value: number): number => Math.round(value * 1e6) / 1e6;
  return {
    domain,
    model: deps.model.name,
    points: scores.map((row) => [round(row[0] ?? 0), round(row[1] ?? 0), round(row[2] ?? 0)] as const),
    metadata: points.map(({ payload }) => ({
      documentId: payload.documentId,
      chunk: payload.chunk,
      title: payload.title,
      language: payload.language,
    })),
    explainedVariance: explainedVariance.map(round),
  };
}
