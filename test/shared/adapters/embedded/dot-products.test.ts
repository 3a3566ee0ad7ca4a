import { describe, expect, it } from 'vitest';
import { DOT_PRODUCTS_WASM } from '#shared/adapters/embedded/dot-products-wasm';
import { ExactVectorIndex } from '#shared/adapters/embedded/exact-vector-index';
import type { ChunkPayload } from '#shared/ports/vector-store';
import { compileDotProducts } from '../../../../scripts/build-wasm.ts';

const payload = (documentId: string, language = 'en'): ChunkPayload => ({
  documentId,
  chunk: 0,
  title: documentId,
  domain: 'science',
  language,
  model: 'm',
  excerpt: '',
});

/** Seeded unit vectors: the same on every run. */
function unitVectors(count: number, dimensions: number, seed: number): Float32Array[] {
  let state = seed;
  const next = (): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296 - 0.5;
  };
  return Array.from({ length: count }, () => {
    const vector = Float32Array.from({ length: dimensions }, next);
    const norm = Math.hypot(...vector);
    return vector.map((value) => value / norm);
  });
}

function exactRanking(vectors: readonly Float32Array[], query: Float32Array, limit: number): string[] {
  return vectors
    .map((vector, row) => ({ row, score: vector.reduce((sum, value, d) => sum + value * (query[d] as number), 0) }))
    .sort((a, b) => b.score - a.score)
    .slice(0, limit)
    .map(({ row }) => `doc-${row}`);
}

describe('the embedded store’s dot-product kernel', () => {
  it('is the module compiled from dot-products.wat (npm run build:wasm)', async () => {
    // Act
    const compiled = await compileDotProducts();

    // Assess
    expect(Buffer.from(compiled).toString('base64')).toBe(DOT_PRODUCTS_WASM);
  });

  it.each([384, 100, 1024])('ranks %i-dimensional vectors exactly as a plain scan does', (dimensions) => {
    // Prepare: more rows than the first capacity, so the matrix grows; 100 dimensions need padding
    const vectors = unitVectors(2_500, dimensions, 11);
    const index = new ExactVectorIndex(dimensions);
    vectors.forEach((vector, row) => index.put(`p${row}`, vector, payload(`doc-${row}`)));
    const [query] = unitVectors(1, dimensions, 99) as [Float32Array];

    // Act
    const hits = index.search(query, { limit: 20, threshold: -1 });

    // Assess
    expect(hits.map((hit) => hit.payload.documentId)).toEqual(exactRanking(vectors, query, 20));
  });

  it('scores a moved row correctly after a removal', () => {
    // Prepare
    const vectors = unitVectors(3, 8, 5);
    const index = new ExactVectorIndex(8);
    vectors.forEach((vector, row) => index.put(`p${row}`, vector, payload(`doc-${row}`)));

    // Act
    index.remove('p0');
    const [hit] = index.search(vectors[2] as Float32Array, { limit: 1, threshold: -1 });

    // Assess
    expect(hit?.payload.documentId).toBe('doc-2');
    expect(hit?.score).toBeCloseTo(1, 5);
  });

  it('finds nothing for a filter value no row has', () => {
    // Prepare
    const index = new ExactVectorIndex(8);
    index.put('p0', (unitVectors(1, 8, 3) as [Float32Array])[0], payload('doc-0'));

    // Act
    const hits = index.search(new Float32Array(8).fill(0.3), { limit: 5, threshold: -1, filter: { language: 'xx' } });

    // Assess
    expect(hits).toEqual([]);
  });
});

describe('the exact index’s keyword postings', () => {
  it('still finds a row by its keywords after it moved into a removed row’s place', () => {
    // Prepare: the last row moves into row 0 when row 0 goes
    const index = new ExactVectorIndex(8);
    const [first, , last] = unitVectors(3, 8, 21) as [Float32Array, Float32Array, Float32Array];
    index.put('p0', first, payload('doc-0'), { indices: [1], values: [1] });
    index.put('p1', first, payload('doc-1'));
    index.put('p2', last, payload('doc-2'), { indices: [2], values: [1] });

    // Act
    index.remove('p0');
    const hits = index.search(first, { limit: 1, threshold: 2, keywords: { indices: [1, 2], values: [1, 1] } });

    // Assess: nothing passes the dense threshold, so only the keyword hit remains
    expect(hits.map((hit) => hit.payload.documentId)).toEqual(['doc-2']);
  });
});
