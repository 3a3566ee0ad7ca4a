import { eld } from 'eld/extrasmall';
import { describe, expect, it } from 'vitest';
import { ELD_HEADER_JSON, ELD_NGRAM_KEYS, ELD_NGRAM_SCORES } from '#shared/agents/text-processor/eld-ngrams-data';
import { eldNgramsData } from '#shared/agents/text-processor/eld-ngrams';
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

describe('the language detector', () => {
  it("holds eld's own extra-small database (npm run build:language-data)", async () => {
    // Prepare
    const scores = ELD_NGRAM_SCORES.split('\n');
    const ngrams = Object.fromEntries(
      ELD_NGRAM_KEYS.split('\n').map((key, index) => [key, JSON.parse(scores[index] ?? 'null') as unknown]),
    );

    // Act
    const eldsOwn = await eldsOwnData();

    // Assess
    expect({ ...(JSON.parse(ELD_HEADER_JSON) as object), ngrams }).toEqual(eldsOwn);
  });

  it.each(TEXTS)('detects %j with the scores of eld’s own extra-small entry', (text) => {
    // Prepare
    const detector = eldDetector(eldNgramsData());

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
    const { ngrams } = eldNgramsData() as { ngrams: Record<string | symbol, unknown> };
    const keys = ELD_NGRAM_KEYS.split('\n');

    // Act
    const found = keys.filter((key) => key in ngrams && ngrams[key] !== undefined).length;
    const absent = ['', 'not an n-gram', `${keys.at(-1) ?? ''}~`].filter((key) => key in ngrams || ngrams[key]);

    // Assess
    expect([found, absent, ngrams[Symbol.iterator]]).toEqual([keys.length, [], undefined]);
  });
});
