import { describe, expect, it } from 'vitest';
import { median, percentile, ratio } from '../../bench/stats.ts';

describe('percentile', () => {
  it('gives the mean of the two middle values as the 50th percentile of an even count', () => {
    // Prepare
    const values = [4, 1, 3, 2];

    // Act
    const p50 = percentile(values, 50);

    // Assess
    expect(p50).toBe(2.5);
  });

  it('interpolates linearly between the two closest ranks', () => {
    // Prepare
    const values = Array.from({ length: 20 }, (_, index) => index + 1);

    // Act
    const p95 = percentile(values, 95);

    // Assess: rank 0.95 × 19 = 18.05, between the 19th and 20th value
    expect(p95).toBeCloseTo(19.05, 10);
  });

  it('gives the smallest value at 0 and the largest at 100', () => {
    // Prepare
    const values = [7, 3, 9, 1];

    // Act
    const extremes = [percentile(values, 0), percentile(values, 100)];

    // Assess
    expect(extremes).toEqual([1, 9]);
  });

  it('leaves its input in the order it was given', () => {
    // Prepare
    const values = [3, 1, 2];

    // Act
    percentile(values, 99);

    // Assess
    expect(values).toEqual([3, 1, 2]);
  });

  it('refuses an empty list', () => {
    // Act
    const act = (): number => percentile([], 50);

    // Assess
    expect(act).toThrow(RangeError);
  });

  it('refuses a percentile outside 0 to 100', () => {
    // Act
    const act = (): number => percentile([1, 2], 101);

    // Assess
    expect(act).toThrow(RangeError);
  });
});

describe('median', () => {
  it('is the middle value of an odd count', () => {
    // Act
    const middle = median([5, 1, 3]);

    // Assess
    expect(middle).toBe(3);
  });
});

describe('ratio', () => {
  it('says how many times the baseline a value is', () => {
    // Act
    const times = ratio(30, 12);

    // Assess
    expect(times).toBe(2.5);
  });

  it('refuses a baseline of zero', () => {
    // Act
    const act = (): number => ratio(1, 0);

    // Assess
    expect(act).toThrow(RangeError);
  });
});
