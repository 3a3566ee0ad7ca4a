import { describe, expect, it } from 'vitest';
import {
  documentKeywords,
  inverseDocumentFrequency,
  keywordTerms,
  queryKeywords,
  termId,
} from '#shared/domain/keyword-terms';

describe('keyword terms', () => {
  it('splits words, lower-cases them and folds accents', () => {
    // Act
    const terms = keywordTerms('Die Würde des Menschen ist UNANTASTBAR.');

    // Assess
    expect(terms).toEqual(['die', 'wurde', 'des', 'menschen', 'ist', 'unantastbar']);
  });

  it('leaves out one-character words and punctuation', () => {
    // Act
    const terms = keywordTerms('a — b, x? Yes!');

    // Assess
    expect(terms).toEqual(['yes']);
  });

  it('segments text without spaces (CJK) into words', () => {
    // Act
    const terms = keywordTerms('人人生而自由');

    // Assess
    expect(terms.length).toBeGreaterThan(1);
    expect(terms.join('')).toBe('人人生而自由');
  });

  it('gives a query 1 per distinct term, sorted by term id', () => {
    // Act
    const vector = queryKeywords('right right to education');

    // Assess
    expect(vector.values).toEqual([1, 1, 1]);
    expect([...vector.indices]).toEqual([...vector.indices].sort((a, b) => a - b));
    expect(vector.indices).toContain(termId('education'));
  });

  it('weighs a repeated term more in a document, with diminishing returns (BM25 saturation)', () => {
    // Act
    const once = documentKeywords('education and more words here');
    const twice = documentKeywords('education education more words here');
    const weight = (vector: ReturnType<typeof documentKeywords>): number =>
      vector.values[vector.indices.indexOf(termId('education'))] as number;

    // Assess
    expect(weight(twice)).toBeGreaterThan(weight(once));
    expect(weight(twice)).toBeLessThan(2 * weight(once));
  });

  it('computes the inverse document frequency as Qdrant does', () => {
    // Act
    const idf = inverseDocumentFrequency(10, 1);

    // Assess
    expect(idf).toBeCloseTo(Math.log(1 + 9.5 / 1.5), 10);
  });

  it('hashes a term to an unsigned 32-bit id (FNV-1a)', () => {
    // Act
    const id = termId('a');

    // Assess
    expect(id).toBe(0xe40c292c);
  });
});
