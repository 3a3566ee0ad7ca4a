import { PCA } from 'ml-pca';
import { describe, expect, it } from 'vitest';
import { principalComponents } from '#shared/domain/principal-components';
import { clusteredUnitVectors } from '../../support/clustered-vectors.ts';

/**
 * What the route computed with ml-pca before (NIPALS for three components, then the projection), and each
 * component's share of the whole variance as ml-pca's full decomposition (SVD) gives it.
 */
function mlPca(rows: number[][], count: number): { scores: number[][]; explainedVariance: number[] } {
  const pca = new PCA(rows, { method: 'NIPALS', nCompNIPALS: count });
  return {
    scores: pca.predict(rows, { nComponents: count }).to2DArray(),
    explainedVariance: new PCA(rows).getExplainedVariance().slice(0, count),
  };
}

function largestDifference(actual: readonly (readonly number[])[], expected: readonly (readonly number[])[]): number {
  expect(actual.map((row) => row.length)).toEqual(expected.map((row) => row.length));
  return Math.max(...actual.flatMap((row, i) => row.map((value, j) => Math.abs(value - (expected[i]?.[j] ?? NaN)))));
}

describe('principal components (NIPALS)', () => {
  it.each([
    ['500 vectors of 384 dimensions in 8 topics (the route’s default limit)', 500, 384, 8, 1],
    ['40 vectors of 1024 dimensions in 3 topics (Titan v2’s size)', 40, 1024, 3, 2],
    ['3 vectors, the fewest the route projects', 3, 384, 3, 3],
    ['12 vectors of 5 dimensions, fewer dimensions than vectors', 12, 5, 2, 4],
  ])(
    'gives ml-pca’s projections, signs included, and each axis’s share of the whole variance, for %s',
    (_, count, dimensions, topics, seed) => {
      // Prepare
      const vectors = clusteredUnitVectors({ count, dimensions, topics, seed });
      const expected = mlPca(vectors, 3);

      // Act
      const actual = principalComponents(vectors, 3);

      // Assess
      expect(largestDifference(actual.scores, expected.scores)).toBeLessThan(1e-12);
      expect(largestDifference([actual.explainedVariance], [expected.explainedVariance])).toBeLessThan(1e-8);
    },
  );

  it('projects points on a line onto their signed distance from the mean, the sign set by the first column', () => {
    // Prepare: (1, 2), (2, 4), (3, 6) lie on the direction (1, 2) / √5, their mean is (2, 4)
    const points = [
      [1, 2],
      [2, 4],
      [3, 6],
    ];

    // Act
    const { scores, explainedVariance } = principalComponents(points, 1);

    // Assess
    expect(scores.map(([score]) => score)).toEqual([
      expect.closeTo(-Math.sqrt(5), 12),
      expect.closeTo(0, 12),
      expect.closeTo(Math.sqrt(5), 12),
    ]);
    expect(explainedVariance).toEqual([expect.closeTo(1, 12)]);
  });

  it('reports each component’s share of the data’s whole variance, as scikit-learn’s ratio does', () => {
    // Prepare: spread 3 along x, 2 along y, 1 along z (variances 9 : 4 : 1 times the same factor)
    const points = [
      [3, 0, 0],
      [-3, 0, 0],
      [0, 2, 0],
      [0, -2, 0],
      [0, 0, 1],
      [0, 0, -1],
    ];

    // Act
    const { explainedVariance } = principalComponents(points, 2);

    // Assess
    expect(explainedVariance).toEqual([expect.closeTo(9 / 14, 12), expect.closeTo(4 / 14, 12)]);
  });

  it('starts from the next column where the first has no variance left, where ml-pca answers NaN', () => {
    // Prepare: once x is taken out, the residual's first column is all zeros
    const points = [
      [3, 0],
      [-3, 0],
      [0, 2],
      [0, -2],
    ];

    // Act
    const { scores } = principalComponents(points, 2);

    // Assess
    expect(scores).toEqual([
      [3, 0],
      [-3, 0],
      [0, 2],
      [0, -2],
    ]);
  });

  it('projects vectors that are all the same onto zeros, each component explaining nothing', () => {
    // Prepare
    const same = [0.5, 0.75, 0]; // exact in binary, so the centred vectors are exactly zero

    // Act
    const result = principalComponents([same, same, same], 3);

    // Assess
    expect(result).toEqual({
      scores: [Array(3).fill(0), Array(3).fill(0), Array(3).fill(0)],
      explainedVariance: [0, 0, 0],
    });
  });
});
