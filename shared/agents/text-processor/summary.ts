import type { SummaryLength, TextSummary } from '#shared/domain/text-analysis';
import { wordCount, type ParsedSentence, type ParsedText } from './segments.ts';
import { stopwordsFor } from './stopwords.ts';

export const SUMMARY_METHOD = 'extractive: sentences ranked by content-word frequency';

/**
 * An extractive summary within `length`: the best-scoring sentences that fit, in the text's order. A
 * sentence scores the mean frequency of its content words in the whole text (the text's topics), with a
 * small lead bonus for the opening sentence. When no whole sentence fits a word bound, the best sentence
 * is cut at the bound and marked with `…`, so the summary is never longer than asked.
 */
export function summarize(parsed: ParsedText, length: SummaryLength): TextSummary {
  const { language } = parsed;
  const all = parsed.sentences;
  const stopwords = stopwordsFor(language) ?? new Set<string>();
  const frequency = new Map<string, number>();
  const content = all.map((sentence) =>
    sentence.words.map((word) => word.lower).filter((word) => !stopwords.has(word)),
  );
  for (const list of content) for (const word of list) frequency.set(word, (frequency.get(word) ?? 0) + 1);
  const scored = all.map((sentence, index) => {
    const list = content[index] ?? [];
    const mean = list.reduce((sum, word) => sum + (frequency.get(word) ?? 0), 0) / Math.max(1, Math.sqrt(list.length));
    return { sentence, index, score: mean * (index === 0 ? 1.2 : 1), words: sentence.words.length };
  });
  const ranked = [...scored].sort((a, b) => b.score - a.score || a.index - b.index);

  const chosen: typeof scored = [];
  let usedWords = 0;
  for (const candidate of ranked) {
    if ('sentences' in length) {
      if (chosen.length >= length.sentences) break;
    } else if (usedWords + candidate.words > length.words) continue;
    chosen.push(candidate);
    usedWords += candidate.words;
  }
  if (chosen.length === 0 && 'words' in length && ranked[0]) {
    return cut(ranked[0].sentence, language, length.words);
  }
  chosen.sort((a, b) => a.index - b.index);
  const summaryText = chosen.map((item) => item.sentence.text).join(' ');
  return { text: summaryText, sentences: chosen.length, words: wordCount(summaryText, language) };
}

/** The sentence's first `max` words, marked as cut. */
function cut(sentence: ParsedSentence, language: string, max: number): TextSummary {
  const last = sentence.words.slice(0, max).at(-1);
  if (!last) return { text: '', sentences: 0, words: 0 };
  const text = `${sentence.text.slice(0, last.end - sentence.start)}…`;
  return { text, sentences: 1, words: wordCount(text, language) };
}
