import { describe, expect, it } from 'vitest';
import { germanCues } from '#shared/agents/text-processor/german-cues';

async function cueEntities(text: string): Promise<{ text: string; type: string }[]> {
  const cues = await germanCues();
  return cues(text).map(({ text: name, type }) => ({ text: name, type }));
}

describe('germanCues', () => {
  it('finds a town from the gazetteer that the tagger does not know', async () => {
    const found = await cueEntities('Der Zug hielt gestern in Reutlingen.');

    expect(found).toContainEqual({ text: 'Reutlingen', type: 'place' });
  });

  it('finds a country by its German name and in the genitive', async () => {
    const found = await cueEntities('Die Hauptstadt Dänemarks liegt nicht in Frankreich.');

    expect(found).toEqual(
      expect.arrayContaining([
        { text: 'Dänemarks', type: 'place' },
        { text: 'Frankreich', type: 'place' },
      ]),
    );
  });

  it('does not take a common noun that is also a village name for a place', async () => {
    const found = await cueEntities('Im Wald an der Stelle stand ein Haus.');

    expect(found).toEqual([]);
  });

  it('finds a company by its legal form, the form included', async () => {
    const found = await cueEntities('Die Müller Maschinenbau GmbH stellt ein.');

    expect(found).toContainEqual({ text: 'Müller Maschinenbau GmbH', type: 'organization' });
  });

  it('finds a sports club by its prefix', async () => {
    const found = await cueEntities('Am Samstag verlor der FC Augsburg zu Hause.');

    expect(found).toContainEqual({ text: 'FC Augsburg', type: 'organization' });
  });

  it('takes an acronym in capitals for an organization but not a Roman numeral', async () => {
    const found = await cueEntities('Die CDU ehrte Ludwig XIV nicht.');

    expect(found).toContainEqual({ text: 'CDU', type: 'organization' });
    expect(found.map((entity) => entity.text)).not.toContain('XIV');
  });

  it('finds a person after a form of address, leaving the address out', async () => {
    const found = await cueEntities('Gestern sprach Frau Kowalczyk im Rathaus.');

    expect(found).toContainEqual({ text: 'Kowalczyk', type: 'person' });
  });

  it('finds a person by a known first name with the surname after it', async () => {
    const found = await cueEntities('Laut Gerhard Joksch war das Spiel entschieden.');

    expect(found).toContainEqual({ text: 'Gerhard Joksch', type: 'person' });
  });

  it('does not run a name across punctuation', async () => {
    const found = await cueEntities('Es sprach Klaus Wowereit (SPD) zuerst.');

    expect(found).toContainEqual({ text: 'Klaus Wowereit', type: 'person' });
  });

  it('finds a street name as one word and after an adjective, but not the bare noun', async () => {
    const found = await cueEntities('Von der Goethestraße bis zur Schwabacher Straße ist jede Straße gesperrt.');

    expect(found).toEqual([
      { text: 'Goethestraße', type: 'place' },
      { text: 'Schwabacher Straße', type: 'place' },
    ]);
  });
});
