/**
 * Reciprocal rank fusion (Cormack, Clarke & Büttcher, SIGIR 2009): several ranked lists become one, each
 * item scoring the sum over the lists that hold it of 1 / (k + its position), the position counted from 0
 * as Qdrant's `rrf` query counts it (`lib/segment/src/common/reciprocal_rank_fusion.rs`: a list's first
 * item adds 1 / k). Only the order of each list matters, not its scores. The embedded vector index fuses
 * with this function and asks Qdrant for the same k, so both stores rank a hybrid search alike.
 */

/** The k both stores fuse with: the RRF paper's 60 (Qdrant's own default, 2, lets one list's top dominate). */
export const RRF_K = 60;

export interface FusedRank<Key> {
  readonly key: Key;
  /** Σ 1 / (k + position) over the lists holding the key. */
  readonly score: number;
}

/**
 * The keys of `rankedLists` (each best first, a key at most once per list) by their fused score, best
 * first. Equal scores keep the order `tieBreak` gives (Qdrant leaves ties in no set order), else the
 * order in which the keys were first met.
 *
 * @example
 * fuseByReciprocalRank([['a', 'b'], ['b', 'c']], 60);
 * // → b (1/61 + 1/60), a (1/60), c (1/61)
 */
export function fuseByReciprocalRank<Key>(
  rankedLists: readonly (readonly Key[])[],
  k: number = RRF_K,
  tieBreak?: (a: Key, b: Key) => number,
): FusedRank<Key>[] {
  if (!(Number.isFinite(k) && k > 0)) throw new RangeError(`RRF's k must be a positive number, not ${k}`);
  const scores = new Map<Key, number>();
  for (const list of rankedLists) {
    list.forEach((key, position) => scores.set(key, (scores.get(key) ?? 0) + 1 / (k + position)));
  }
  return [...scores]
    .map(([key, score]) => ({ key, score }))
    .sort((a, b) => b.score - a.score || (tieBreak?.(a.key, b.key) ?? 0));
}
