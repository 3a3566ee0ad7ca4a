import { describe, expect, it } from 'vitest';
import { recognizeEntities } from '#shared/agents/text-processor/entities';
import { parseText } from '#shared/agents/text-processor/segments';

async function entityTexts(text: string, language = 'en'): Promise<string[] | undefined> {
  return (await recognizeEntities(parseText(text, language)))?.map((entity) => entity.text);
}

describe('recognizeEntities', () => {
  it('finds a person in a sentence after sentences that name nobody', async () => {
    const found = await entityTexts('everyone has the right to life. nobody shall be held. Then Barack Obama spoke.');

    expect(found).toContain('Barack Obama');
  });

  it('finds a name right after a title the sentence segmenter split into a sentence of its own', async () => {
    const found = await entityTexts('No one came. Mr. Obama pledged his support.');

    expect(found).toContain('Mr. Obama');
  });

  it('gives each entity offsets into the whole text, past skipped sentences', async () => {
    const text = 'all of this is lower case. so is this. Angela Merkel met Emmanuel Macron in Paris.';

    const entities = (await recognizeEntities(parseText(text, 'en'))) ?? [];

    expect(entities.length).toBeGreaterThan(0);
    for (const entity of entities) expect(text.slice(entity.start, entity.end)).toBe(entity.text);
  });

  it('finds nothing in a text without a capital letter', async () => {
    expect(await entityTexts('the rain in spain stays mainly in the plain.')).toEqual([]);
  });

  it('finds a German person by first name and surname, though German capitalises every noun', async () => {
    const found = await entityTexts('Angela Merkel traf Emmanuel Macron am Montag in Berlin.', 'de');

    expect(found).toEqual(expect.arrayContaining(['Angela Merkel', 'Emmanuel Macron', 'Berlin']));
  });

  it('has no recognizer for a language without a compromise build', async () => {
    expect(await entityTexts('Jokainen ihminen syntyy vapaana.', 'fi')).toBeUndefined();
  });
});
