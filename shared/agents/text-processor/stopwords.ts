import stopwordsIso from 'stopwords-iso/stopwords-iso.json' with { type: 'json' };

const lists = stopwordsIso as Readonly<Record<string, readonly string[]>>;
const sets = new Map<string, ReadonlySet<string>>();

export const STOPWORDS_METHOD = 'stopwords-iso';

/** The language's stopwords (lower case), or undefined when stopwords-iso has no list for it. */
export function stopwordsFor(language: string): ReadonlySet<string> | undefined {
  const cached = sets.get(language);
  if (cached) return cached;
  const list = lists[language];
  if (!list) return undefined;
  const set = new Set(list.map((word) => word.toLowerCase()));
  sets.set(language, set);
  return set;
}
