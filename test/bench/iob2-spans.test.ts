import { describe, expect, it } from 'vitest';
import { fromIob2 } from '../../bench/eval/data/germeval.ts';

describe('IOB2 tokens as text with entity spans (entity evaluation data)', () => {
  it('joins the tokens by single spaces and spans each B- … I- run', () => {
    // Act
    const sentence = fromIob2([
      ['Wir', 'O'],
      ['trafen', 'O'],
      ['Angela', 'B-PER'],
      ['Merkel', 'I-PER'],
      ['in', 'O'],
      ['Berlin', 'B-LOC'],
    ]);

    // Assess
    expect(sentence.text).toBe('Wir trafen Angela Merkel in Berlin');
    expect(sentence.entities).toEqual([
      { start: 11, end: 24, type: 'PER' },
      { start: 28, end: 34, type: 'LOC' },
    ]);
    expect(sentence.entities.map(({ start, end }) => sentence.text.slice(start, end))).toEqual([
      'Angela Merkel',
      'Berlin',
    ]);
  });

  it('starts a new span at B- even right after a span of the same type', () => {
    // Act
    const sentence = fromIob2([
      ['Paris', 'B-LOC'],
      ['Lyon', 'B-LOC'],
    ]);

    // Assess
    expect(sentence.entities).toEqual([
      { start: 0, end: 5, type: 'LOC' },
      { start: 6, end: 10, type: 'LOC' },
    ]);
  });

  it('starts a span at an I- tag that does not continue one (IOB1 style)', () => {
    // Act
    const sentence = fromIob2([
      ['von', 'O'],
      ['EADS', 'I-ORG'],
      ['Airbus', 'I-LOC'],
    ]);

    // Assess
    expect(sentence.entities).toEqual([
      { start: 4, end: 8, type: 'ORG' },
      { start: 9, end: 15, type: 'LOC' },
    ]);
  });

  it('keeps the sub-typed tags whole (GermEval LOCderiv)', () => {
    // Act
    const sentence = fromIob2([
      ['europäischen', 'B-LOCderiv'],
      ['Konzern', 'O'],
    ]);

    // Assess
    expect(sentence.entities).toEqual([{ start: 0, end: 12, type: 'LOCderiv' }]);
  });
});
