import { PCA } from 'ml-pca';
import { describe, expect, it } from 'vitest';
import { openEmbeddedDatabase } from '#shared/adapters/embedded/database';
import { EmbeddedVectorStore } from '#shared/adapters/embedded/vector-store';
import { chunkPointId } from '#shared/domain/document-chunks';
import { EMBEDDING_MODELS } from '#shared/domain/embedding-models';
import type { VectorPoint } from '#shared/ports/vector-store';
import { visualizeDomain } from '#shared/services/vector-visualization';
import { clusteredUnitVectors } from '../../support/clustered-vectors.ts';

const model = EMBEDDING_MODELS.allMiniLmL6V2;

async function storeHolding(vectors: readonly number[][]): Promise<EmbeddedVectorStore> {
  const store = new EmbeddedVectorStore({ database: openEmbeddedDatabase({ dataDir: '', inMemory: true }) });
  const points: VectorPoint[] = vectors.map((vector, index) => {
    const documentId = `doc_${String(index).padStart(32, '0')}`;
    return {
      id: chunkPointId(documentId, 0),
      vector,
      payload: {
        documentId,
        chunk: 0,
        title: `Document ${index}`,
        domain: 'science',
        language: 'en',
        model: model.name,
        excerpt: '',
      },
    };
  });
  await store.upsert('science', model, points);
  return store;
}

const round = (value: number): number => Math.round(value * 1e6) / 1e6;

describe('visualizeDomain', () => {
  it('answers what ml-pca gave the route, rounded the same, with each axis’s share of the whole variance', async () => {
    // Prepare
    const vectors = await storeHolding(clusteredUnitVectors({ count: 60, dimensions: 384, topics: 4, seed: 9 }));
    const stored = (await vectors.scroll('science', { limit: 60, model, withVectors: true })).points;
    const rows = stored.map((point) => [...(point.vector ?? [])]);
    const pca = new PCA(rows, { method: 'NIPALS', nCompNIPALS: 3 });

    // Act
    const visualization = await visualizeDomain('science', 60, { vectors, model });

    // Assess
    expect(visualization.points).toEqual(
      pca
        .predict(rows, { nComponents: 3 })
        .to2DArray()
        .map((row) => row.map(round)),
    );
    const wholeVarianceShares = new PCA(rows).getExplainedVariance().slice(0, 3);
    visualization.explainedVariance.forEach((share, axis) =>
      expect(share).toBeCloseTo(wholeVarianceShares[axis] ?? NaN, 5),
    );
    expect(visualization.explainedVariance).toHaveLength(3);
    expect(visualization.metadata.map((entry) => entry.documentId)).toEqual(
      stored.map((point) => point.payload.documentId),
    );
  });

  it('answers an empty shape for fewer than three points', async () => {
    // Prepare
    const vectors = await storeHolding(clusteredUnitVectors({ count: 2, dimensions: 384, topics: 2, seed: 10 }));

    // Act
    const visualization = await visualizeDomain('science', 500, { vectors, model });

    // Assess
    expect(visualization).toEqual({
      domain: 'science',
      model: model.name,
      points: [],
      metadata: [],
      explainedVariance: [],
    });
  });
});
