import { describe, expect, it } from 'vitest';
import { seededRandom, zipfSampler } from '../../bench/zipf.ts';

function draws(count: number, seed: number, exponent = 1.1, keys = 1000): number[] {
  const draw = zipfSampler({ keys, exponent, random: seededRandom(seed) });
  return Array.from({ length: count }, draw);
}

describe('zipfSampler', () => {
  it('draws the same sequence from the same seed', () => {
    // Act
    const [first, second] = [draws(100, 7), draws(100, 7)];

    // Assess
    expect(first).toEqual(second);
  });

  it('draws only ranks from 1 to the number of keys', () => {
    // Act
    const ranks = draws(10_000, 3, 1.1, 50);

    // Assess
    expect([Math.min(...ranks), Math.max(...ranks)]).toEqual([1, 50]);
  });

  it('draws rank 1 about twice as often as rank 2 when s = 1', () => {
    // Prepare
    const ranks = draws(100_000, 11, 1);

    // Act
    const ratio = ranks.filter((rank) => rank === 1).length / ranks.filter((rank) => rank === 2).length;

    // Assess
    expect(ratio).toBeGreaterThan(1.9);
    expect(ratio).toBeLessThan(2.1);
  });

  it('rejects an exponent that is not positive', () => {
    // Act
    const make = () => zipfSampler({ keys: 10, exponent: 0, random: Math.random });

    // Assess
    expect(make).toThrow(RangeError);
  });
});
