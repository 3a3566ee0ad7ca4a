import type { KeyPhrase } from '#shared/domain/text-analysis';
import { round } from './language.ts';
import type { ParsedText, Word } from './segments.ts';
import { stopwordsFor } from './stopwords.ts';

export const KEY_PHRASE_METHOD = 'RAKE over stopwords-iso';
export const KEY_PHRASE_FALLBACK_METHOD = 'word frequency (no stopword list for this language)';

const MAX_PHRASE_WORDS = 4;

/**
 * Key phrases by RAKE (Rose et al. 2010): runs of content words between stopwords and punctuation are
 * candidates; a word scores its degree over its frequency; a phrase, the sum of its words. Without a
 * stopword list, the most frequent longer words stand alone (`degraded`).
 */
export function extractKeyPhrases(parsed: ParsedText, max: number): { phrases: KeyPhrase[]; degraded: boolean } {
  const stopwords = stopwordsFor(parsed.language);
  const candidates = stopwords ? rakeCandidates(parsed, stopwords) : frequentWords(parsed);
  const frequency = new Map<string, number>();
  const degree = new Map<string, number>();
  for (const phrase of candidates) {
    for (const word of phrase) {
      frequency.set(word, (frequency.get(word) ?? 0) + 1);
      degree.set(word, (degree.get(word) ?? 0) + phrase.length);
    }
  }
  const repeats = new Map<string, number>();
  for (const phrase of candidates) repeats.set(phrase.join(' '), (repeats.get(phrase.join(' ')) ?? 0) + 1);
  const scored = new Map<string, number>();
  for (const phrase of candidates) {
    const key = phrase.join(' ');
    if (scored.has(key)) continue;
    const score = phrase.reduce((sum, word) => sum + (degree.get(word) ?? 0) / (frequency.get(word) ?? 1), 0);
    // A phrase seen again counts again: RAKE's scores ignore repetition, which is what marks a topic.
    scored.set(key, score * Math.sqrt(repeats.get(key) ?? 1));
  }
  const ranked = [...scored].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, max);
  const best = ranked[0]?.[1] ?? 1;
  return {
    phrases: ranked.map(([phrase, score]) => ({ text: phrase, score: round(score / best) })),
    degraded: stopwords === undefined,
  };
}

function rakeCandidates(parsed: ParsedText, stopwords: ReadonlySet<string>): string[][] {
  const candidates: string[][] = [];
  for (const sentence of parsed.sentences) {
    let run: string[] = [];
    let previous: Word | undefined;
    const flush = () => {
      if (run.length > 0 && run.length <= MAX_PHRASE_WORDS) candidates.push(run);
      run = [];
    };
    for (const word of sentence.words) {
      const between = previous ? parsed.text.slice(previous.end, word.start) : '';
      if (/[^\s\p{Pd}]/u.test(between)) flush(); // punctuation ends a phrase; spaces and hyphens do not
      const lower = word.lower;
      if (stopwords.has(lower) || !isContentWord(lower)) flush();
      else run.push(lower);
      previous = word;
    }
    flush();
  }
  return candidates;
}

function frequentWords(parsed: ParsedText): string[][] {
  return parsed.words
    .map((word) => word.lower)
    .filter((word) => isContentWord(word) && codePoints(word) >= 4)
    .map((word) => [word]);
}

/** Not a number and longer than one character. */
function isContentWord(word: string): boolean {
  return codePoints(word) > 1 && !/^[\p{N}.,]+$/u.test(word);
}

/** Length in code points: a word is one segment already, so no grapheme is split here. */
function codePoints(word: string): number {
  return Array.from(word).length;
}
