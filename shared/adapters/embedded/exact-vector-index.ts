import { inverseDocumentFrequency, type SparseVector } from '#shared/domain/keyword-terms';
import { fuseByReciprocalRank, RRF_K } from '#shared/domain/reciprocal-rank-fusion';
import type { ChunkPayload, PointFilter, ScoredPoint } from '#shared/ports/vector-store';
import { DOT_PRODUCTS_WASM } from './dot-products-wasm.ts';

const PAGE_BYTES = 65_536;
const FIRST_CAPACITY = 1_024;

interface DotProducts {
  readonly memory: WebAssembly.Memory;
  scores(matrix: number, query: number, out: number, rows: number, stride: number): void;
}

let compiled: WebAssembly.Module | undefined;

/** A fresh instance of dot-products.wat, each with its own memory; the module is compiled once. */
function dotProducts(): DotProducts {
  compiled ??= new WebAssembly.Module(Buffer.from(DOT_PRODUCTS_WASM, 'base64'));
  return new WebAssembly.Instance(compiled).exports as unknown as DotProducts;
}

export interface IndexSearch {
  readonly limit: number;
  /** Hits found by meaning below this cosine are left out (not those found by their keywords). */
  readonly threshold: number;
  readonly filter?: PointFilter;
  /** Fuse keyword (BM25) hits with the dense ones by reciprocal rank. */
  readonly keywords?: SparseVector;
}

/**
 * Unit vectors of one model in one contiguous float32 matrix, searched exactly: the dot product with every
 * row (cosine, as all rows and the query have length 1) in WebAssembly SIMD, then the best `limit` by a
 * bounded heap. Filters are compared as small integers per row (languages and document ids interned), so
 * a filtered search costs no more than an unfiltered one. Keyword vectors sit in an inverted index beside
 * the matrix, for hybrid search.
 */
export class ExactVectorIndex {
  readonly #dimensions: number;
  /** Floats per row: the dimensions padded to a multiple of 8, as the SIMD loop takes 8 at a time. */
  readonly #stride: number;
  readonly #kernel = dotProducts();
  #capacity = 0;
  #matrix = new Float32Array(0);
  #query = new Float32Array(0);
  #scores = new Float32Array(0);
  readonly #ids: string[] = [];
  readonly #payloads: ChunkPayload[] = [];
  readonly #rows = new Map<string, number>();
  readonly #documentOf: number[] = [];
  readonly #languageOf: number[] = [];
  readonly #interned = new Map<string, number>();
  /** Each row's keyword vector, if it has one. */
  readonly #keywordsOf: (SparseVector | undefined)[] = [];
  #rowsWithKeywords = 0;
  /** term id → row → the term's weight in that row (kept in step when a row moves). */
  readonly #postings = new Map<number, Map<number, number>>();
  /** Scratch: each row's BM25 total during a keyword search (zero between searches). */
  #keywordTotals = new Float32Array(0);

  constructor(dimensions: number) {
    this.#dimensions = dimensions;
    this.#stride = Math.ceil(dimensions / 8) * 8;
    this.#grow(FIRST_CAPACITY);
  }

  get size(): number {
    return this.#ids.length;
  }

  put(id: string, vector: Float32Array, payload: ChunkPayload, keywords?: SparseVector): void {
    let row = this.#rows.get(id);
    if (row === undefined) {
      row = this.#ids.length;
      if (row === this.#capacity) this.#grow(this.#capacity * 2);
      this.#rows.set(id, row);
      this.#ids.push(id);
      this.#payloads.push(payload);
      this.#documentOf.push(0);
      this.#languageOf.push(0);
      this.#keywordsOf.push(undefined);
    }
    this.#payloads[row] = payload;
    this.#documentOf[row] = this.#intern(`d:${payload.documentId}`);
    this.#languageOf[row] = this.#intern(`l:${payload.language}`);
    const offset = row * this.#stride;
    this.#matrix.set(vector.subarray(0, this.#dimensions), offset);
    this.#matrix.fill(0, offset + this.#dimensions, offset + this.#stride);
    this.#unindexKeywords(row);
    if (keywords !== undefined && keywords.indices.length > 0) this.#indexKeywords(row, keywords);
  }

  /** Removes a row by moving the last row into its place. */
  remove(id: string): void {
    const row = this.#rows.get(id);
    if (row === undefined) return;
    const last = this.#ids.length - 1;
    const lastId = this.#ids[last] as string;
    this.#unindexKeywords(row);
    if (row !== last) {
      const moved = this.#keywordsOf[last];
      this.#unindexKeywords(last);
      if (moved !== undefined) this.#indexKeywords(row, moved);
      this.#matrix.copyWithin(row * this.#stride, last * this.#stride, (last + 1) * this.#stride);
      this.#ids[row] = lastId;
      this.#payloads[row] = this.#payloads[last] as ChunkPayload;
      this.#documentOf[row] = this.#documentOf[last] as number;
      this.#languageOf[row] = this.#languageOf[last] as number;
      this.#rows.set(lastId, row);
    }
    this.#ids.pop();
    this.#payloads.pop();
    this.#documentOf.pop();
    this.#languageOf.pop();
    this.#keywordsOf.pop();
    this.#rows.delete(id);
  }

  /**
   * The nearest rows, best first: by cosine; or, with `keywords`, by reciprocal rank fusion (k = RRF_K) of
   * the `limit` best by cosine at or above the threshold and the `limit` best by BM25 (whatever their
   * cosine), as Qdrant's RRF query fuses its prefetches. `score` stays the cosine; `fused` is the fusion's.
   */
  search(query: Float32Array, options: IndexSearch): ScoredPoint[] {
    const accept = this.#acceptor(options.filter);
    if (accept === undefined) return [];
    const scores = this.#denseScores(query);
    const dense = best(scores, this.size, options.limit, options.threshold, accept);
    if (options.keywords === undefined) return dense.map((row) => this.#hit(row, scores));
    const keyword = this.#keywordRows(options.keywords, options.limit, accept);
    const byId = (rowA: number, rowB: number) => compareIds(this.#ids[rowA] as string, this.#ids[rowB] as string);
    return fuseByReciprocalRank([dense, keyword], RRF_K, byId)
      .slice(0, options.limit)
      .map(({ key: row, score }) => ({ ...this.#hit(row, scores), fused: score }));
  }

  #hit(row: number, scores: Float32Array): ScoredPoint {
    return { id: this.#ids[row] as string, score: scores[row] as number, payload: this.#payloads[row] as ChunkPayload };
  }

  /** The dot product of `query` with every row, in the kernel's memory (valid until the next search). */
  #denseScores(query: Float32Array): Float32Array {
    this.#query.fill(0);
    this.#query.set(query.subarray(0, this.#dimensions));
    const matrixBytes = this.#capacity * this.#stride * 4;
    this.#kernel.scores(0, matrixBytes, matrixBytes + this.#stride * 4, this.size, this.#stride);
    return this.#scores;
  }

  /** The `limit` best rows by BM25 (IDF over this index × the row's term weight × the query's). */
  #keywordRows(keywords: SparseVector, limit: number, accept: (row: number) => boolean): number[] {
    const totals = this.#keywordTotals;
    keywords.indices.forEach((term, i) => {
      const postings = this.#postings.get(term);
      if (postings === undefined) return;
      const weight = (keywords.values[i] as number) * inverseDocumentFrequency(this.#rowsWithKeywords, postings.size);
      for (const [row, value] of postings) totals[row] = (totals[row] as number) + weight * value;
    });
    const found = best(totals, this.size, limit, Number.MIN_VALUE, accept);
    totals.fill(0, 0, this.size);
    return found;
  }

  /** A row test on interned ids; undefined when the filter names a value no row has (nothing can match). */
  #acceptor(filter: PointFilter | undefined): ((row: number) => boolean) | undefined {
    const documentOf = this.#documentOf;
    const languageOf = this.#languageOf;
    const document = filter?.documentId === undefined ? 0 : this.#interned.get(`d:${filter.documentId}`);
    const language = filter?.language === undefined ? 0 : this.#interned.get(`l:${filter.language}`);
    if (document === undefined || language === undefined) return undefined;
    const excluded = filter?.notDocumentId === undefined ? 0 : (this.#interned.get(`d:${filter.notDocumentId}`) ?? 0);
    if (document === 0 && language === 0 && excluded === 0) return () => true;
    return (row) =>
      (document === 0 || documentOf[row] === document) &&
      (language === 0 || languageOf[row] === language) &&
      (excluded === 0 || documentOf[row] !== excluded);
  }

  /** A small positive integer per distinct value (0 means "any"). */
  #intern(value: string): number {
    let id = this.#interned.get(value);
    if (id === undefined) {
      id = this.#interned.size + 1;
      this.#interned.set(value, id);
    }
    return id;
  }

  #indexKeywords(row: number, keywords: SparseVector): void {
    this.#keywordsOf[row] = keywords;
    this.#rowsWithKeywords += 1;
    keywords.indices.forEach((term, i) => {
      let postings = this.#postings.get(term);
      if (postings === undefined) {
        postings = new Map();
        this.#postings.set(term, postings);
      }
      postings.set(row, keywords.values[i] as number);
    });
  }

  #unindexKeywords(row: number): void {
    const keywords = this.#keywordsOf[row];
    if (keywords === undefined) return;
    this.#keywordsOf[row] = undefined;
    this.#rowsWithKeywords -= 1;
    for (const term of keywords.indices) {
      const postings = this.#postings.get(term);
      postings?.delete(row);
      if (postings?.size === 0) this.#postings.delete(term);
    }
  }

  /**
   * Room for `capacity` rows. Memory layout: the matrix from byte 0, then the query, then one score per
   * row. The matrix keeps its place when memory grows; the query and scores are scratch, laid anew.
   */
  #grow(capacity: number): void {
    const bytes = (capacity * this.#stride + this.#stride + capacity) * 4;
    const memory = this.#kernel.memory;
    const pages = Math.ceil(bytes / PAGE_BYTES) - memory.buffer.byteLength / PAGE_BYTES;
    if (pages > 0) memory.grow(pages);
    this.#capacity = capacity;
    const matrixFloats = capacity * this.#stride;
    this.#matrix = new Float32Array(memory.buffer, 0, matrixFloats);
    this.#query = new Float32Array(memory.buffer, matrixFloats * 4, this.#stride);
    this.#scores = new Float32Array(memory.buffer, (matrixFloats + this.#stride) * 4, capacity);
    this.#keywordTotals = new Float32Array(capacity);
  }
}

/**
 * The rows scoring at least `threshold`, best `limit` of them, best first (ties by row), by a bounded
 * min-heap: one comparison per row for the many that cannot enter it.
 */
function best(
  scores: Float32Array,
  count: number,
  limit: number,
  threshold: number,
  accept: (row: number) => boolean,
): number[] {
  const heapRows = new Int32Array(limit);
  const heapScores = new Float64Array(limit);
  let size = 0;
  let floor = threshold;
  for (let row = 0; row < count; row++) {
    const score = scores[row] as number;
    if (score < floor || (size === limit && score === floor) || !accept(row)) continue;
    if (size < limit) {
      siftUp(heapRows, heapScores, size, row, score);
      size += 1;
    } else {
      siftDown(heapRows, heapScores, size, row, score);
    }
    if (size === limit) floor = Math.max(threshold, heapScores[0] as number);
  }
  const found = Array.from(heapRows.subarray(0, size));
  return found.sort((a, b) => (scores[b] as number) - (scores[a] as number) || a - b);
}

/** Adds (row, score) at the end of the heap and moves it up past larger scores. */
function siftUp(rows: Int32Array, scores: Float64Array, size: number, row: number, score: number): void {
  let at = size;
  while (at > 0) {
    const parent = (at - 1) >> 1;
    if ((scores[parent] as number) <= score) break;
    rows[at] = rows[parent] as number;
    scores[at] = scores[parent] as number;
    at = parent;
  }
  rows[at] = row;
  scores[at] = score;
}

/** Replaces the heap's smallest with (row, score) and moves it down past smaller scores. */
function siftDown(rows: Int32Array, scores: Float64Array, size: number, row: number, score: number): void {
  let at = 0;
  for (;;) {
    const left = at * 2 + 1;
    if (left >= size) break;
    const right = left + 1;
    const child = right < size && (scores[right] as number) < (scores[left] as number) ? right : left;
    if ((scores[child] as number) >= score) break;
    rows[at] = rows[child] as number;
    scores[at] = scores[child] as number;
    at = child;
  }
  rows[at] = row;
  scores[at] = score;
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
