import { ELD_HEADER_JSON, ELD_NGRAM_KEYS, ELD_NGRAM_SCORES } from './eld-ngrams-data.ts';

/** One n-gram's scores: eld's language index → score. */
type NgramScores = Readonly<Record<string, number>>;

/**
 * eld's extra-small database, as eld's `loadData` takes it, with the n-grams indexed rather than built: eld's
 * module builds ~50,000 objects at import (~130 ms, ~80 MB; `JSON.parse` of the same data ~40 ms, ~25–50 MB),
 * while a text reads a few hundred of them. Here the keys are indexed at load (~50,000 strings) and a key's
 * scores are parsed the first time eld reads them, then kept. eld reads `ngrams[key]` and nothing else while
 * detecting (its `languageDetector.js`, `calculateScores`); a test checks the detector gives eld's own results.
 */
export function eldNgramsData(): unknown {
  const header = JSON.parse(ELD_HEADER_JSON) as Readonly<Record<string, unknown>>;
  return { ...header, ngrams: lazyNgrams(ELD_NGRAM_KEYS.split('\n'), ELD_NGRAM_SCORES) };
}

/** `scores` holds one JSON object per key, in the keys' order, each ended by a newline but the last. */
function lazyNgrams(keys: readonly string[], scores: string): Readonly<Record<string, NgramScores>> {
  const indexOf = new Map(keys.map((key, index) => [key, index]));
  // Where each key's scores start in `scores` (one string per key would be ~50,000 more strings at load).
  const starts = new Uint32Array(keys.length + 1);
  for (let index = 1, at = 0; index <= keys.length; index += 1) {
    const end = scores.indexOf('\n', at);
    at = end === -1 ? scores.length + 1 : end + 1;
    starts[index] = at;
  }
  const parsed = new Map<number, NgramScores>();
  const scoresOf = (key: string | symbol): NgramScores | undefined => {
    const index = typeof key === 'string' ? indexOf.get(key) : undefined;
    if (index === undefined) return undefined;
    let found = parsed.get(index);
    if (!found) {
      found = JSON.parse(scores.slice(starts[index], (starts[index + 1] ?? 0) - 1)) as NgramScores;
      parsed.set(index, found);
    }
    return found;
  };
  return new Proxy<Record<string, NgramScores>>(
    {},
    {
      get: (_, key) => scoresOf(key),
      has: (_, key) => typeof key === 'string' && indexOf.has(key),
    },
  );
}
