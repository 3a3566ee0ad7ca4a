/** A piece of the text with its UTF-16 offsets. */
export interface Segment {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

const sentenceSegmenters = new Map<string, Intl.Segmenter>();
const wordSegmenters = new Map<string, Intl.Segmenter>();

function segmenter(cache: Map<string, Intl.Segmenter>, language: string, granularity: 'sentence' | 'word') {
  let found = cache.get(language);
  if (!found) {
    // ICU's segmenters (built into Node) know each language's sentence and word rules, CJK included.
    found = new Intl.Segmenter(language === 'und' ? undefined : language, { granularity });
    cache.set(language, found);
  }
  return found;
}

/** The text's sentences, trimmed, without empty ones. */
export function sentences(text: string, language: string): Segment[] {
  const found: Segment[] = [];
  for (const part of segmenter(sentenceSegmenters, language, 'sentence').segment(text)) {
    const leading = part.segment.length - part.segment.trimStart().length;
    const trimmed = part.segment.trim();
    if (trimmed.length === 0) continue;
    const start = part.index + leading;
    found.push({ text: trimmed, start, end: start + trimmed.length });
  }
  return found;
}

/** The text's words (letters or digits; no punctuation or spaces). */
export function words(text: string, language: string): Segment[] {
  const found: Segment[] = [];
  for (const part of segmenter(wordSegmenters, language, 'word').segment(text)) {
    if (part.isWordLike !== true) continue;
    found.push({ text: part.segment, start: part.index, end: part.index + part.segment.length });
  }
  return found;
}

/** How many words `text` has, counted as everywhere in the processor (and its evaluation). */
export function wordCount(text: string, language: string): number {
  return words(text, language).length;
}
