import { describe, expect, it } from 'vitest';
import { retryDelaySeconds } from '#shared/tasks/backoff';

const backoff = { baseSeconds: 2, maxSeconds: 60 };

describe('retry backoff', () => {
  it.each([
    [1, 2],
    [2, 4],
    [3, 8],
    [6, 60],
    [20, 60],
  ])('waits at most min(max, base × 2^(n−1)) seconds after attempt %i: %i', (attempt, ceiling) => {
    expect(retryDelaySeconds(attempt, backoff, () => 0.999_999)).toBe(ceiling);
  });

  it('spreads retries over the whole range (full jitter)', () => {
    expect(retryDelaySeconds(4, backoff, () => 0.5)).toBe(8);
  });

  it('never retries at once', () => {
    expect(retryDelaySeconds(3, backoff, () => 0)).toBe(1);
  });
});
