import { eld } from 'eld/small';
import type { DetectedLanguage } from '#shared/domain/text-analysis';

export const LANGUAGE_METHOD = 'eld 2 (small n-gram database)';

/** eld reads at most this much; more text does not change its answer, only its time. */
const SAMPLE_LENGTH = 2_000;

/**
 * The text's language. eld scores n-grams per language (0 to 1); its top score is the confidence,
 * halved when eld itself calls the result unreliable (too few n-grams, close runner-up).
 */
export function detectLanguage(text: string): DetectedLanguage {
  const result = eld.detect(text.slice(0, SAMPLE_LENGTH));
  if (result.language === '') return { code: 'und', confidence: 0 };
  const top = result.getScores()[result.language] ?? 0;
  const confidence = Math.min(1, Math.max(0, top)) * (result.isReliable() ? 1 : 0.5);
  return { code: result.language, confidence: round(confidence) };
}

export function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
