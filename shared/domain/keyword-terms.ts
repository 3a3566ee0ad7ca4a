/**
 * Keyword (sparse) vectors for hybrid search, BM25 style, split the way Qdrant's IDF modifier expects: a
 * document's vector holds each term's saturated frequency, a query's holds 1 per distinct term, and the
 * store multiplies by the term's inverse document frequency in the collection at query time. So the same
 * vectors score alike in Qdrant (sparse vector with `modifier: idf`) and in the embedded store.
 */

/** A sparse vector: term ids (unique, ascending) and their weights. */
export interface SparseVector {
  readonly indices: readonly number[];
  readonly values: readonly number[];
}

/**
 * Okapi BM25's usual k1 and b. `averageTerms` stands in for the collection's average chunk length, which
 * a per-point vector cannot know: a 180-word chunk (see CHUNKING) has about that many terms.
 */
export const BM25 = { k1: 1.2, b: 0.75, averageTerms: 150 } as const;

/**
 * ICU's word segmenter loads its break dictionaries when it is built, ~7 ms in a fresh Node 22 process: made
 * on the first text, not at import, so the functions that bundle this module without segmenting (the vector
 * adapters import it) do not pay it in their cold start.
 */
let segmenter: Intl.Segmenter | undefined;
const MAX_TERM_LENGTH = 40;
const ONE_LETTER = /^[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{N}]$/u;
const utf8 = new TextEncoder();

/**
 * The text's terms: ICU word segments (CJK included), lower case, accents folded (so "Menschenwürde" and a
 * query typed without the umlaut meet). One-letter words of alphabetic scripts carry nothing and are left
 * out; a one-character CJK word is a word.
 */
export function keywordTerms(text: string): string[] {
  const terms: string[] = [];
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'word' });
  for (const part of segmenter.segment(text.normalize('NFKC'))) {
    if (part.isWordLike !== true) continue;
    const term = part.segment
      .toLowerCase()
      .normalize('NFD')
      .replace(/\p{Mn}+/gu, '');
    if (term.length > MAX_TERM_LENGTH || (term.length < 2 && ONE_LETTER.test(term))) continue;
    terms.push(term);
  }
  return terms;
}

/** A document's (chunk's) keyword vector: BM25's saturated term frequency per term. */
export function documentKeywords(text: string): SparseVector {
  const terms = keywordTerms(text);
  const counts = new Map<number, number>();
  for (const term of terms) {
    const id = termId(term);
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  const { k1, b, averageTerms } = BM25;
  const norm = k1 * (1 - b + (b * terms.length) / averageTerms);
  return sparse(counts, (count) => (count * (k1 + 1)) / (count + norm));
}

/** A query's keyword vector: 1 for each distinct term. */
export function queryKeywords(text: string): SparseVector {
  const counts = new Map<number, number>();
  for (const term of keywordTerms(text)) counts.set(termId(term), 1);
  return sparse(counts, () => 1);
}

/**
 * Inverse document frequency as Qdrant's IDF modifier computes it (BM25's, kept positive):
 * ln(1 + (N − n + 0.5) / (n + 0.5)) for a term in n of N points.
 */
export function inverseDocumentFrequency(points: number, withTerm: number): number {
  return Math.log(1 + (points - withTerm + 0.5) / (withTerm + 0.5));
}

/** A term's id: its 32-bit FNV-1a hash over UTF-8 (Qdrant's sparse indices are unsigned 32-bit). */
export function termId(term: string): number {
  let hash = 0x811c9dc5;
  for (const byte of utf8.encode(term)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

function sparse(counts: ReadonlyMap<number, number>, weight: (count: number) => number): SparseVector {
  const indices = [...counts.keys()].sort((a, b) => a - b);
  return { indices, values: indices.map((index) => weight(counts.get(index) as number)) };
}
