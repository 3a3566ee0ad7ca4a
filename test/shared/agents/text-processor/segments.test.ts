import { describe, expect, it } from 'vitest';
import { parseText, words } from '#shared/agents/text-processor/segments';

const TEXT = 'Geometry is old.  Euclid wrote the Elements in Alexandria. It is still read.';

describe('parseText', () => {
  it('gives every word offsets into the whole text', () => {
    const parsed = parseText(TEXT, 'en');

    for (const word of parsed.words) expect(TEXT.slice(word.start, word.end)).toBe(word.text);
  });

  it('finds the same words as segmenting the whole text', () => {
    const parsed = parseText(TEXT, 'en');

    expect(parsed.words.map((word) => word.text)).toEqual(words(TEXT, 'en').map((word) => word.text));
  });

  it('keeps each sentence’s words with that sentence', () => {
    const parsed = parseText(TEXT, 'en');

    expect(parsed.sentences.map((sentence) => sentence.words.length)).toEqual([3, 6, 4]);
  });
});
