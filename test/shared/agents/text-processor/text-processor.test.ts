import { describe, expect, it } from 'vitest';
import { analyzeText, primeTextProcessor } from '#shared/agents/text-processor/text-processor';
import { wordCount } from '#shared/agents/text-processor/segments';
import type { KnownName } from '#shared/domain/text-analysis';

const ENGLISH =
  'Euclid of Alexandria wrote the Elements, the most influential work on geometry. ' +
  'The Elements begins with definitions and postulates. Later mathematicians in Paris and Oxford studied geometry ' +
  'from it for centuries. It is a wonderful and beautiful book.';
const GERMAN =
  'Angela Merkel traf Emmanuel Macron am Montag in Berlin. Das Ergebnis war wunderbar und alle waren froh.';
const FINNISH =
  'Jokainen ihminen syntyy vapaana ja tasavertaisena arvoltaan ja oikeuksiltaan. Euclid oli matemaatikko.';

const KNOWN: readonly KnownName[] = [
  { kind: 'concept', id: 'con_geometry', name: 'Geometry', domain: 'mathematics' },
  { kind: 'entity', id: 'ent_euclid', name: 'Euclid', domain: 'mathematics', entityType: 'person' },
];

function lookup(names: readonly KnownName[] = KNOWN) {
  const calls: (string | undefined)[] = [];
  return {
    calls,
    deps: {
      knownNames: {
        knownNames: (domain?: string) => {
          calls.push(domain);
          return Promise.resolve(names);
        },
      },
    },
  };
}

describe('the text processor', () => {
  it('detects the language of an English text with a confidence', async () => {
    const result = await analyzeText(ENGLISH, { summary: { sentences: 1 } }, lookup().deps);

    expect(result.language.code).toBe('en');
    expect(result.language.confidence).toBeGreaterThan(0.5);
  });

  it('gives each entity offsets that slice exactly its text', async () => {
    const result = await analyzeText(ENGLISH, { summary: { sentences: 1 } }, lookup().deps);

    expect(result.entities.length).toBeGreaterThan(0);
    for (const entity of result.entities) expect(ENGLISH.slice(entity.start, entity.end)).toBe(entity.text);
  });

  it('links an entity the graph knows, with full confidence for an exact name', async () => {
    const result = await analyzeText(ENGLISH, { summary: { sentences: 1 } }, lookup().deps);

    const euclid = result.entities.find((entity) => entity.text === 'Euclid');
    expect(euclid).toMatchObject({ type: 'person', linkedId: 'ent_euclid', linkConfidence: 1 });
  });

  it('finds a known concept however it is capitalised, counting its occurrences', async () => {
    const result = await analyzeText(ENGLISH, { summary: { sentences: 1 } }, lookup().deps);

    expect(result.concepts[0]).toMatchObject({ name: 'Geometry', linkedId: 'con_geometry', occurrences: 2 });
  });

  it('asks the graph for the names of the domain it is given', async () => {
    const { calls, deps } = lookup();

    await analyzeText(ENGLISH, { summary: { sentences: 1 }, domain: 'mathematics' }, deps);

    expect(calls).toEqual(['mathematics']);
  });

  it('keeps a summary within the asked number of sentences', async () => {
    const result = await analyzeText(ENGLISH, { summary: { sentences: 2 } }, lookup().deps);

    expect(result.summary.sentences).toBe(2);
  });

  it('keeps a summary within the asked number of words, cutting a sentence when none fits', async () => {
    const result = await analyzeText(ENGLISH, { summary: { words: 5 } }, lookup().deps);

    expect(wordCount(result.summary.text, 'en')).toBeLessThanOrEqual(5);
    expect(result.summary.words).toBeGreaterThan(0);
  });

  it('reads a positive English text as positive', async () => {
    const result = await analyzeText(ENGLISH, { summary: { sentences: 1 } }, lookup().deps);

    expect(result.sentiment.label).toBe('positive');
  });

  it('processes German with the German tools and degrades nothing', async () => {
    const result = await analyzeText(GERMAN, { summary: { sentences: 1 } }, lookup([]).deps);

    expect(result.language.code).toBe('de');
    expect(result.methods.entities).toContain('de-compromise');
    expect(result.entities.map((entity) => entity.text)).toContain('Berlin');
    expect(result.degraded).toEqual([]);
  });

  it('says which fields were degraded for a language without a recognizer or sentiment model', async () => {
    const result = await analyzeText(FINNISH, { summary: { sentences: 1 } }, lookup().deps);

    expect(result.language.code).toBe('fi');
    expect(result.degraded).toEqual(['entities', 'sentiment']);
    expect(result.sentiment).toEqual({ label: 'unknown', score: 0 });
    expect(result.entities).toMatchObject([{ text: 'Euclid', linkedId: 'ent_euclid' }]);
  });

  it('names the method behind every field', async () => {
    const result = await analyzeText(ENGLISH, { summary: { sentences: 1 } }, lookup().deps);

    expect(Object.keys(result.methods).sort()).toEqual(
      ['concepts', 'entities', 'keyPhrases', 'language', 'sentiment', 'summary'].sort(),
    );
  });

  it('keeps multi-word phrases together as key phrases', async () => {
    const text = 'Machine learning improves search. Machine learning needs data. Search engines use machine learning.';

    const result = await analyzeText(text, { summary: { sentences: 1 } }, lookup([]).deps);

    expect(result.keyPhrases.map((phrase) => phrase.text)).toContain('machine learning');
    expect(result.keyPhrases[0]?.score).toBe(1);
  });

  it('primes every English step without the graph: its text is read as English, with its names and mood', () => {
    // Act
    const primed = primeTextProcessor();

    // Assess
    expect(primed.language.code).toBe('en');
    expect(primed.entities.map((entity) => [entity.text, entity.type])).toEqual(
      expect.arrayContaining([
        ['Ada Lovelace', 'person'],
        ['London', 'place'],
      ]),
    );
    expect(primed.keyPhrases.length).toBeGreaterThan(0);
    expect(primed.summary.sentences).toBe(1);
    expect(primed.sentiment.label).toBe('positive');
  });
});
