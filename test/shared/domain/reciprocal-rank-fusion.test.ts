import { describe, expect, it } from 'vitest';
import { fuseByReciprocalRank, RRF_K } from '#shared/domain/reciprocal-rank-fusion';

/** Qdrant's `position_score` at weight 1 (lib/segment/src/common/reciprocal_rank_fusion.rs). */
const qdrantPositionScore = (position: number, k: number) => 1 / ((position + 1) / 1 + k - 1);

describe('reciprocal rank fusion', () => {
  it("scores a list's first item 1 / k, as Qdrant counts positions from 0", () => {
    // Act
    const fused = fuseByReciprocalRank([['only']], RRF_K);

    // Assess
    expect(fused).toEqual([{ key: 'only', score: 1 / 60 }]);
  });

  it('adds 1 / (k + position) over every list that holds the key, as Qdrant does', () => {
    // Prepare: a key at each position of three lists of five
    const lists = [
      ['a', 'b', 'c', 'd', 'e'],
      ['e', 'd', 'c', 'b', 'a'],
      ['c', 'x', 'y', 'z', 'a'],
    ];

    // Act
    const scores = new Map(fuseByReciprocalRank(lists, RRF_K).map(({ key, score }) => [key, score]));

    // Assess
    expect(scores.get('a')).toBeCloseTo(
      qdrantPositionScore(0, RRF_K) + qdrantPositionScore(4, RRF_K) + qdrantPositionScore(4, RRF_K),
      12,
    );
    expect(scores.get('c')).toBeCloseTo(2 * qdrantPositionScore(2, RRF_K) + qdrantPositionScore(0, RRF_K), 12);
    expect(scores.get('z')).toBeCloseTo(qdrantPositionScore(3, RRF_K), 12);
  });

  it("reproduces Qdrant's own test case at its default k of 2", () => {
    // Prepare: the three responses of qdrant's `test_rrf_scoring`, ids only (their scores do not count)
    const responses = [
      [2, 1],
      [1, 2, 3],
      [5, 3, 1],
    ];

    // Act
    const fused = fuseByReciprocalRank(responses, 2);

    // Assess: Qdrant expects 1.0833334, 0.8333334, 0.5833334 and 0.5 (in f32)
    expect(fused.map(({ key }) => key)).toEqual([1, 2, 3, 5]);
    expect(fused.map(({ score }) => score)).toEqual([
      expect.closeTo(1.0833334, 6),
      expect.closeTo(0.8333334, 6),
      expect.closeTo(0.5833334, 6),
      expect.closeTo(0.5, 6),
    ]);
  });

  it('ranks a key high in two lists above one that tops a single list', () => {
    // Act
    const fused = fuseByReciprocalRank([
      ['dense-top', 'both'],
      ['keyword-top', 'both'],
    ]);

    // Assess
    expect(fused[0]).toEqual({ key: 'both', score: 2 / 61 });
  });

  it('orders equal scores by the tie-break given', () => {
    // Act
    const fused = fuseByReciprocalRank([['b'], ['a']], RRF_K, (x, y) => x.localeCompare(y));

    // Assess
    expect(fused.map(({ key }) => key)).toEqual(['a', 'b']);
  });

  it('keeps equal scores in the order first met without a tie-break', () => {
    // Act
    const fused = fuseByReciprocalRank([['b'], ['a']]);

    // Assess
    expect(fused.map(({ key }) => key)).toEqual(['b', 'a']);
  });

  it('fuses no lists, or empty ones, into nothing', () => {
    // Act
    const fused = [fuseByReciprocalRank([]), fuseByReciprocalRank([[], []])];

    // Assess
    expect(fused).toEqual([[], []]);
  });

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY])('refuses k = %s', (k) => {
    // Act
    const fuse = () => fuseByReciprocalRank([['a']], k);

    // Assess
    expect(fuse).toThrow(RangeError);
  });
});
