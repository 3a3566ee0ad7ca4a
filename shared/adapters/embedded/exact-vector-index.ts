import type { ChunkPayload, ScoredPoint } from '#shared/ports/vector-store';

/**
 * Unit vectors of one model in one contiguous matrix, searched exactly: the dot product with every row
 * (cosine, as all rows and the query have length 1), keeping the best `limit` in a sorted list.
 */
export class ExactVectorIndex {
  readonly #dimensions: number;
  #matrix: Float32Array;
  #ids: string[] = [];
  #payloads: ChunkPayload[] = [];
  readonly #rows = new Map<string, number>();

  constructor(dimensions: number) {
    this.#dimensions = dimensions;
    this.#matrix = new Float32Array(dimensions * 1024);
  }

  get size(): number {
    return this.#ids.length;
  }

  put(id: string, vector: Float32Array, payload: ChunkPayload): void {
    let row = this.#rows.get(id);
    if (row === undefined) {
      row = this.#ids.length;
      if ((row + 1) * this.#dimensions > this.#matrix.length) {
        const grown = new Float32Array(this.#matrix.length * 2);
        grown.set(this.#matrix);
        this.#matrix = grown;
      }
      this.#rows.set(id, row);
      this.#ids.push(id);
      this.#payloads.push(payload);
    } else {
      this.#payloads[row] = payload;
    }
    this.#matrix.set(vector, row * this.#dimensions);
  }

  /** Removes a row by moving the last row into its place. */
  remove(id: string): void {
    const row = this.#rows.get(id);
    if (row === undefined) return;
    const last = this.#ids.length - 1;
    const lastId = this.#ids[last];
    if (row !== last && lastId !== undefined) {
      this.#matrix.copyWithin(row * this.#dimensions, last * this.#dimensions, (last + 1) * this.#dimensions);
      this.#ids[row] = lastId;
      this.#payloads[row] = this.#payloads[last] as ChunkPayload;
      this.#rows.set(lastId, row);
    }
    this.#ids.pop();
    this.#payloads.pop();
    this.#rows.delete(id);
  }

  nearest(
    query: Float32Array,
    limit: number,
    threshold: number,
    accept?: (payload: ChunkPayload) => boolean,
  ): ScoredPoint[] {
    const scores = this.#scores(query);
    const best: { row: number; score: number }[] = [];
    let floor = threshold;
    for (let row = 0; row < scores.length; row++) {
      const score = scores[row] as number;
      if (score < floor || (best.length === limit && score === floor)) continue;
      if (accept !== undefined && !accept(this.#payloads[row] as ChunkPayload)) continue;
      let at = best.length;
      while (at > 0 && (best[at - 1] as { score: number }).score < score) at--;
      best.splice(at, 0, { row, score });
      if (best.length > limit) best.pop();
      if (best.length === limit) floor = Math.max(threshold, (best[limit - 1] as { score: number }).score);
    }
    return best.map(({ row, score }) => ({
      id: this.#ids[row] as string,
      score,
      payload: this.#payloads[row] as ChunkPayload,
    }));
  }

  /** The dot product of `query` with every row; four running sums let V8 keep the loop in registers. */
  #scores(query: Float32Array): Float32Array {
    const dimensions = this.#dimensions;
    const matrix = this.#matrix;
    const scores = new Float32Array(this.#ids.length);
    const unrolled = dimensions - (dimensions % 4);
    for (let row = 0, offset = 0; row < scores.length; row++, offset += dimensions) {
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let d = 0;
      for (; d < unrolled; d += 4) {
        s0 += (matrix[offset + d] as number) * (query[d] as number);
        s1 += (matrix[offset + d + 1] as number) * (query[d + 1] as number);
        s2 += (matrix[offset + d + 2] as number) * (query[d + 2] as number);
        s3 += (matrix[offset + d + 3] as number) * (query[d + 3] as number);
      }
      for (; d < dimensions; d++) s0 += (matrix[offset + d] as number) * (query[d] as number);
      scores[row] = s0 + s1 + s2 + s3;
    }
    return scores;
  }
}
