import { seededRandom } from '../../bench/zipf.ts';

/**
 * Unit vectors shaped like sentence embeddings of a few topics: each lies near one of `topics` random centres,
 * so the first principal components are well separated, as they are in a real domain. The same seed gives the
 * same vectors on every machine.
 */
export function clusteredUnitVectors(options: {
  count: number;
  dimensions: number;
  topics: number;
  seed: number;
}): number[][] {
  const random = seededRandom(options.seed);
  const gaussian = (): number => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const centres = Array.from({ length: options.topics }, () => Array.from({ length: options.dimensions }, gaussian));
  return Array.from({ length: options.count }, (_, index) => {
    const centre = centres[index % options.topics] ?? [];
    return unit(centre.map((value) => value + 0.6 * gaussian()));
  });
}

function unit(vector: number[]): number[] {
  const length = Math.hypot(...vector);
  return vector.map((value) => value / length);
}
