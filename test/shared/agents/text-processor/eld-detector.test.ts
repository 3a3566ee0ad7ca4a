import { eld } from 'eld/extrasmall';
import { beforeAll, describe, expect, it } from 'vitest';
import { ELD_NGRAMS_FILE, eldNgramsData } from '#shared/agents/text-processor/eld-ngrams';
import { readLanguageData } from '#shared/agents/text-processor/language-data';
import { eldDetector } from '../../../../shared/agents/text-processor/eld-detector.js';
import { eldNgramsData as eldsOwnData } from '../../../../scripts/build-language-data.ts';

/** Texts in scripts and languages eld knows, and a few it cannot place. */
const TEXTS = [
  'The committee approved the budget after a long debate on Tuesday.',
  'El comité aprobó el presupuesto después de un largo debate el martes.',
  'Le comité a approuvé le budget après un long débat mardi.',
  'Der Ausschuss hat den Haushalt nach langer Debatte am Dienstag gebilligt.',
  'Комитет одобрил бюджет после долгих дебатов во вторник.',
  '委员会在星期二经过长时间辩论后批准了预算。',
  'Komitea hyväksyi talousarvion pitkän keskustelun jälkeen tiistaina.',
  'x',
  '12345 !!!',
  '',
];

/** The text of language-data/eld-extrasmall.txt, as the processor reads it. */
let file: string;

beforeAll(async () => {
  file = await readLanguageData(ELD_NGRAMS_FILE);
});

/** The file's sections: its header line, its n-grams, its scores. */
function sections(): { header: string; keys: string[]; scores: string[] } {
  const [header = '', ...rest] = file.trimEnd().split('\n');
  const blank = rest.indexOf('');
  return { header, keys: rest.slice(0, blank), scores: rest.slice(blank + 1) };
}

describe('the language detector', () => {
  it("holds eld's own extra-small database (npm run build:language-data)", async () => {
    // Prepare
    const { header, keys, scores } = sections();
    const ngrams = Object.fromEntries(keys.map((key, index) => [key, JSON.parse(scores[index] ?? 'null') as unknown]));

    // Act
    const eldsOwn = await eldsOwnData();

    // Assess
    expect({ ...(JSON.parse(header) as object), ngrams }).toEqual(eldsOwn);
  });

  it.each(TEXTS)('detects %j with the scores of eld’s own extra-small entry', (text) => {
    // Prepare
    const detector = eldDetector(eldNgramsData(file));

    // Act
    const ours = detector.detect(text);
    const eldsOwn = eld.detect(text);

    // Assess
    expect([ours.language, ours.getScores(), ours.isReliable()]).toEqual([
      eldsOwn.language,
      eldsOwn.getScores(),
      eldsOwn.isReliable(),
    ]);
  });

  it('finds every n-gram of the database, and none it lacks', () => {
    // Prepare
    const { ngrams } = eldNgramsData(file) as { ngrams: Record<string | symbol, unknown> };
    const { keys } = sections();

    // Act
    const found = keys.filter((key) => key in ngrams && ngrams[key] !== undefined).length;
    const absent = ['', 'not an n-gram', `${keys.at(-1) ?? ''}~`].filter((key) => key in ngrams || ngrams[key]);

    // Assess
    expect([found, absent, ngrams[Symbol.iterator]]).toEqual([keys.length, [], undefined]);
  });
});

describe('eldNgramsData', () => {
  it('refuses a file without the empty line between n-grams and scores', () => {
    // Prepare
    const headerAndKeysOnly = '{"type":"XS60"}\nab\ncd';

    // Act
    const reading = () => eldNgramsData(headerAndKeysOnly);

    // Assess
    expect(reading).toThrow(/eld-extrasmall\.txt is not in the layout/);
  });
});
