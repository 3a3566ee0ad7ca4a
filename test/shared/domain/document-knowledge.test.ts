import { describe, expect, it } from 'vitest';
import { documentKnowledge, entityId, resolveDocumentQuery } from '#shared/domain/document-knowledge';
import type { TextAnalysis } from '#shared/domain/text-analysis';
import { ValidationError } from '#shared/errors';

const analysis: TextAnalysis = {
  language: { code: 'en', confidence: 0.9 },
  entities: [
    { text: 'Monet', type: 'person', start: 0, end: 5 },
    { text: 'Giverny', type: 'place', start: 20, end: 27 },
    { text: 'Monet', type: 'person', start: 40, end: 45, linkedId: 'ent_x', linkConfidence: 1 },
  ],
  concepts: [
    { name: 'Impressionism', linkedId: 'con_impressionism', confidence: 0.75, occurrences: 2 },
    { name: 'water lilies', confidence: 0.5, occurrences: 1 },
  ],
  keyPhrases: [{ text: 'water lilies', score: 1 }],
  summary: { text: 'Monet painted.', sentences: 1, words: 2 },
  sentiment: { label: 'neutral', score: 0 },
  methods: { language: 'l', entities: 'e', concepts: 'c', keyPhrases: 'k', summary: 's', sentiment: 'n' },
  degraded: [],
};

describe('documentKnowledge', () => {
  it('keeps one entity per name, counting its mentions', () => {
    const knowledge = documentKnowledge({ id: 'doc_1', domain: 'art' }, analysis);

    expect(knowledge.entities).toEqual([
      { name: 'Monet', type: 'person', mentions: 2 },
      { name: 'Giverny', type: 'place', mentions: 1 },
    ]);
  });

  it('links only the concepts the graph already holds', () => {
    const knowledge = documentKnowledge({ id: 'doc_1', domain: 'art' }, analysis);

    expect(knowledge.concepts).toEqual([{ conceptId: 'con_impressionism', confidence: 0.75 }]);
  });
});

describe('entityId', () => {
  it('is the same for the same name and domain, and differs across domains', () => {
    expect(entityId('Monet', 'art')).toBe(entityId('Monet', 'art'));
    expect(entityId('Monet', 'art')).not.toBe(entityId('Monet', 'history'));
  });
});

describe('resolveDocumentQuery', () => {
  it('refuses a cursor issued for other filters', () => {
    const cursor = 'eyJ2IjoxLCJxIjoiYWJjIiwicCI6eyJpZCI6ImRvY18xIn19';

    expect(() => resolveDocumentQuery({ limit: 10, cursor })).toThrow(ValidationError);
  });
});
