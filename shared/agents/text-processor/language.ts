import { eldDetector } from './eld-detector.js';
import { ELD_NGRAMS_FILE, eldNgramsData } from './eld-ngrams.ts';
import { readLanguageDataSync } from './language-data.ts';
import type { DetectedLanguage } from '#shared/domain/text-analysis';

export const LANGUAGE_METHOD = 'eld 2 (extra-small n-gram database)';

/** eld reads at most this much; more text does not change its answer, only its time. */
const SAMPLE_LENGTH = 2_000;

/**
 * eld over its extra-small database, read from language-data/ (written from eld's own module by `npm run
 * build:language-data`; a test checks both hold the same data and detect the same), whose n-grams are parsed
 * as texts need them: eld's own module took ~130 ms and ~80 MB to load (README, "Text processor"). Every text
 * needs it, so it is read with the module (~2–5 ms), in Lambda's init phase, as compromise's English model is
 * (compromise-builds.js says why); a missing file fails the init, naming it.
 */
const detector = eldDetector(eldNgramsData(readLanguageDataSync(ELD_NGRAMS_FILE)));

/**
 * The text's language. eld scores n-grams per language (0 to 1); its top score is the confidence,
 * halved when eld itself calls the result unreliable (too few n-grams, close runner-up).
 */
export function detectLanguage(text: string): DetectedLanguage {
  const result = detector.detect(text.slice(0, SAMPLE_LENGTH));
  if (result.language === '') return { code: 'und', confidence: 0 };
  const top = result.getScores()[result.language] ?? 0;
  const confidence = Math.min(1, Math.max(0, top)) * (result.isReliable() ? 1 : 0.5);
  return { code: result.language, confidence: round(confidence) };
}

export function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
