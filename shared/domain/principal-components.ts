/**
 * Principal component analysis by NIPALS, as ml-pca 4 computes it (`new PCA(rows, { method: 'NIPALS',
 * nCompNIPALS: count })`, then `predict`), step for step and in the same order of operations, on flat
 * `Float64Array`s. ml-pca and its ml-matrix were ~73 KB of visualize-vectors' bundle and
 * ~3 ms of every cold start to compile, though only a request with points ever ran them; this is the one
 * algorithm the route used. `principal-components.test.ts` holds it to ml-pca's own results, signs included.
 *
 * NIPALS finds one component at a time by power iteration on the centred data, starting from its first
 * column, then subtracts it: a component's sign is the one that start gives, as in ml-pca. Where that column
 * is all zeros ml-pca divides by zero and answers NaN; this starts from the first column that is not, and a
 * component of data with no variance left is zero.
 */

/** ml-matrix's NIPALS defaults: at most this many iterations per component … */
const MAX_ITERATIONS = 1000;
/** … until the scores move by at most this much (sum of squared changes) from one iteration to the next. */
const TERMINATION = 1e-10;

export interface PrincipalComponents {
  /** Each row's coordinates on the components, first component first. */
  readonly scores: number[][];
  /**
   * Each component's share of the data's whole variance, as scikit-learn's `explained_variance_ratio_` (the
   * original system's answer): together at most 1, less where the data spreads beyond the components computed.
   */
  readonly explainedVariance: number[];
}

/** The first `count` principal components of `rows` (vectors of one length, at least one). */
export function principalComponents(rows: readonly (readonly number[])[], count: number): PrincipalComponents {
  const data = { rows: rows.length, columns: rows[0]?.length ?? 0 };
  const centred = centre(rows, data.columns);
  const residual = centred.slice();
  const directions: Float64Array[] = [];
  const variances: number[] = [];
  for (let component = 0; component < count; component += 1) {
    const { direction, scores } = dominantComponent(residual, data);
    variances.push(Math.sqrt(dot(scores, scores)) ** 2);
    // x − t·wᵀ: what is left for the next component
    for (let row = 0; row < data.rows; row += 1)
      for (let column = 0, at = row * data.columns; column < data.columns; column += 1, at += 1)
        residual[at] = (residual[at] as number) - (scores[row] as number) * (direction[column] as number);
    directions.push(direction);
  }
  // The whole variance is the trace of the covariance: every centred value squared, summed.
  const total = dot(centred, centred);
  return {
    scores: rows.map((_, row) =>
      directions.map((direction) => dot(centred.subarray(row * data.columns, (row + 1) * data.columns), direction)),
    ),
    explainedVariance: variances.map((variance) => (total === 0 ? 0 : variance / total)),
  };
}

/** The rows minus their column means, row after row. */
function centre(rows: readonly (readonly number[])[], columns: number): Float64Array {
  const means = new Float64Array(columns);
  for (const row of rows)
    for (let column = 0; column < columns; column += 1) means[column] = (means[column] as number) + (row[column] ?? 0);
  for (let column = 0; column < columns; column += 1) means[column] = (means[column] as number) / rows.length;
  const centred = new Float64Array(rows.length * columns);
  rows.forEach((row, index) => {
    for (let column = 0; column < columns; column += 1)
      centred[index * columns + column] = (row[column] ?? 0) - (means[column] as number);
  });
  return centred;
}

/** One NIPALS component of `x`: its unit direction w and the rows' scores t = x·w. */
function dominantComponent(
  x: Float64Array,
  { rows, columns }: { rows: number; columns: number },
): { direction: Float64Array; scores: Float64Array } {
  let direction = new Float64Array(columns);
  let scores = new Float64Array(rows);
  const start = firstNonZeroColumn(x, { rows, columns });
  if (start === undefined) return { direction, scores };
  let u = Float64Array.from({ length: rows }, (_, row) => x[row * columns + start] as number);
  let change = 1;
  for (let iteration = 0; iteration < MAX_ITERATIONS && change > TERMINATION; iteration += 1) {
    // w = xᵀu / uᵀu, made unit length; row by row (each sum still adds its terms in row order, as ml-matrix's)
    const uu = dot(u, u);
    direction = new Float64Array(columns);
    for (let row = 0; row < rows; row += 1) {
      const weight = u[row] as number;
      for (let column = 0, at = row * columns; column < columns; column += 1, at += 1)
        direction[column] = (direction[column] as number) + (x[at] as number) * weight;
    }
    for (let column = 0; column < columns; column += 1) direction[column] = (direction[column] as number) / uu;
    const length = Math.sqrt(dot(direction, direction));
    for (let column = 0; column < columns; column += 1) direction[column] = (direction[column] as number) / length;
    // t = x·w / wᵀw
    const ww = dot(direction, direction);
    const previous = scores;
    scores = new Float64Array(rows);
    for (let row = 0; row < rows; row += 1)
      scores[row] = dot(x.subarray(row * columns, (row + 1) * columns), direction) / ww;
    if (iteration > 0) change = squaredDistance(scores, previous);
    u = scores;
  }
  return { direction, scores };
}

function firstNonZeroColumn(x: Float64Array, { rows, columns }: { rows: number; columns: number }): number | undefined {
  for (let column = 0; column < columns; column += 1)
    for (let row = 0; row < rows; row += 1) if (x[row * columns + column] !== 0) return column;
  return undefined;
}

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let index = 0; index < a.length; index += 1) sum += (a[index] as number) * (b[index] as number);
  return sum;
}

function squaredDistance(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let index = 0; index < a.length; index += 1) sum += ((a[index] as number) - (b[index] as number)) ** 2;
  return sum;
}
