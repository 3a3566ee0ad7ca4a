/**
 * A seeded pseudo-random source (mulberry32): the same seed gives the same sequence on every machine, so a
 * replayed workload is the same workload.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Draws ranks 1..`keys` with probability proportional to 1 / rank^`exponent` (Zipf's law: a few items get
 * most of the reads, as popular concepts and claims do).
 *
 * @example
 * const draw = zipfSampler({ keys: 1000, exponent: 1.1, random: seededRandom(42) });
 * draw(); // 1 most often, then 2, …
 */
export function zipfSampler(options: { keys: number; exponent: number; random: () => number }): () => number {
  const { keys, exponent, random } = options;
  if (!Number.isInteger(keys) || keys < 1) throw new RangeError(`keys must be a positive integer, got ${keys}`);
  if (!(exponent > 0)) throw new RangeError(`exponent must be positive, got ${exponent}`);
  const cumulative = new Float64Array(keys);
  let total = 0;
  for (let rank = 1; rank <= keys; rank += 1) {
    total += 1 / rank ** exponent;
    cumulative[rank - 1] = total;
  }
  return () => {
    const target = random() * total;
    let low = 0;
    let high = keys - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((cumulative[middle] ?? total) < target) low = middle + 1;
      else high = middle;
    }
    return low + 1;
  };
}
