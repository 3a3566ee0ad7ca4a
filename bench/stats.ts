/**
 * The `p`-th percentile (0–100) of `values`, interpolating linearly between the two closest ranks
 * (the method spreadsheets and numpy use by default), so `percentile(xs, 50)` is the usual median.
 *
 * @example
 * percentile([4, 1, 3, 2], 50); // 2.5
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new RangeError('percentile of no values');
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be within 0–100, got ${p}`);
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const lower = Math.floor(rank);
  const upper = Math.ceil(rank);
  const below = sorted[lower] ?? Number.NaN;
  const above = sorted[upper] ?? Number.NaN;
  return below + (above - below) * (rank - lower);
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** How many times the baseline a value is; what the targets are stated in. */
export function ratio(value: number, baseline: number): number {
  if (!(baseline > 0)) throw new RangeError(`baseline must be positive, got ${baseline}`);
  return value / baseline;
}
