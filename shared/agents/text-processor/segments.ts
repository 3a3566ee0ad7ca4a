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

/** A word of a parsed text, with its lower-case form (compared against stopwords and frequencies). */
export interface Word extends Segment {
  readonly lower: string;
}

/** A sentence of a parsed text with its words; all offsets are into the whole text. */
export interface ParsedSentence extends Segment {
  readonly words: readonly Word[];
}

/**
 * A text segmented once: its sentences, each with its words. Key phrases, summary and name linking all read
 * this one result; segmenting is a large part of a document's time, so no field segments the text again.
 */
export interface ParsedText {
  readonly text: string;
  readonly language: string;
  readonly sentences: readonly ParsedSentence[];
  /** Every word of the text, in order (the sentences' words, concatenated). */
  readonly words: readonly Word[];
}

/** The text's sentences and words. A sentence's words are segmented within it, as `words(sentence.text)`. */
export function parseText(text: string, language: string): ParsedText {
  const parsed: ParsedSentence[] = [];
  const all: Word[] = [];
  for (const sentence of sentences(text, language)) {
    const sentenceWords = words(sentence.text, language).map((word) => ({
      text: word.text,
      start: sentence.start + word.start,
      end: sentence.start + word.end,
      lower: word.text.toLowerCase(),
    }));
    parsed.push({ ...sentence, words: sentenceWords });
    all.push(...sentenceWords);
  }
  return { text, language, sentences: parsed, words: all };
}

/** How many words `text` has, counted as everywhere in the processor (and its evaluation). */
export function wordCount(text: string, language: string): number {
  return words(text, language).length;
}
