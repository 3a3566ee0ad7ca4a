/** One n-gram's scores: eld's language index → score. */
type NgramScores = Readonly<Record<string, number>>;

/** The data file of eld's extra-small database, in language-data/ (`npm run build:language-data`). */
export const ELD_NGRAMS_FILE = 'eld-extrasmall.txt';

/**
 * eld's extra-small database, as eld's `loadData` takes it, from the text of `ELD_NGRAMS_FILE` (its header as
 * JSON on the first line, then the n-grams sorted by code unit one per line, an empty line, and each n-gram's
 * scores as JSON in the same order), with n-grams found where they lie instead of built: eld's own module builds
 * ~50,000 objects at import (~130 ms, ~80 MB; `JSON.parse` of the same data ~40 ms and ~25 MB, a Map of the keys
 * ~11 ms and ~11 MB), while a text reads a few hundred of them. Here loading only notes where each line starts
 * (~2 ms, ~0.4 MB); a key is found by binary search in the sorted keys and its scores parsed the first time eld
 * reads them, then kept. eld reads `ngrams[key]` and nothing else while detecting (its `languageDetector.js`,
 * `calculateScores`); a test checks the detector gives eld's own results.
 */
export function eldNgramsData(file: string): unknown {
  const headerEnd = file.indexOf('\n');
  const keysEnd = file.indexOf('\n\n', headerEnd);
  if (headerEnd === -1 || keysEnd === -1)
    throw new Error(`${ELD_NGRAMS_FILE} is not in the layout eld-ngrams.ts reads`);
  const header = JSON.parse(file.slice(0, headerEnd)) as Readonly<Record<string, unknown>>;
  const keys = file.slice(headerEnd + 1, keysEnd);
  const scores = file.slice(keysEnd + 2).trimEnd();
  return { ...header, ngrams: lazyNgrams(keys, scores) };
}
/** `keys`: sorted by code unit, one per line; `scores`: each key's scores as JSON, one per line, in that order. */
function lazyNgrams(keys: string, scores: string): Readonly<Record<string, NgramScores>> {
  const keyStarts = lineStarts(keys);
  const scoreStarts = lineStarts(scores);
  const count = keyStarts.length - 1;
  const parsed = new Map<number, NgramScores>();
  const indexOf = (key: string): number | undefined => {
    let low = 0;
    let high = count - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const order = compare(key, keys, keyStarts[middle] ?? 0, (keyStarts[middle + 1] ?? 0) - 1);
      if (order === 0) return middle;
      if (order < 0) high = middle - 1;
      else low = middle + 1;
    }
    return undefined;
  };
  const scoresOf = (key: string | symbol): NgramScores | undefined => {
    const index = typeof key === 'string' ? indexOf(key) : undefined;
    if (index === undefined) return undefined;
    let found = parsed.get(index);
    if (!found) {
      found = JSON.parse(scores.slice(scoreStarts[index], (scoreStarts[index + 1] ?? 0) - 1)) as NgramScores;
      parsed.set(index, found);
    }
    return found;
  };
  return new Proxy<Record<string, NgramScores>>(
    {},
    {
      get: (_, key) => scoresOf(key),
      has: (_, key) => typeof key === 'string' && indexOf(key) !== undefined,
    },
  );
}

/** Where each line of `text` starts, and one past its end (as if a last newline followed). */
function lineStarts(text: string): Uint32Array {
  let lines = 1;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lines += 1;
  const starts = new Uint32Array(lines + 1);
  for (let line = 1, at = 0; line <= lines; line += 1) {
    const end = text.indexOf('\n', at);
    at = end === -1 ? text.length + 1 : end + 1;
    starts[line] = at;
  }
  return starts;
}

/** `key` against `text[start, end)`, by code unit, as `Array.prototype.sort` orders strings. */
function compare(key: string, text: string, start: number, end: number): number {
  const length = end - start;
  const shared = Math.min(key.length, length);
  for (let offset = 0; offset < shared; offset += 1) {
    const difference = key.charCodeAt(offset) - text.charCodeAt(start + offset);
    if (difference !== 0) return difference;
  }
  return key.length - length;
}
