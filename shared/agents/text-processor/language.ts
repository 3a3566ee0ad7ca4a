import type { DetectedLanguage } from '#shared/domain/text-analysis';

export const LANGUAGE_METHOD = 'eld 2 (extra-small n-gram database)';

/** eld reads at most this much; more text does not change its answer, only its time. */
const SAMPLE_LENGTH = 2_000;

type Detector = (typeof import('eld/extrasmall'))['eld'];
let detector: Promise<Detector> | undefined;

/**
 * The text's language. eld scores n-grams per language (0 to 1); its top score is the confidence,
 * halved when eld itself calls the result unreliable (too few n-grams, close runner-up).
 */
export async function detectLanguage(text: string): Promise<DetectedLanguage> {
  // Loaded on the first text, not at import: eld's n-gram tables are 0.9 MB that a cold start need not read.
  detector ??= import('eld/extrasmall').then((module) => module.eld);
  const result = (await detector).detect(text.slice(0, SAMPLE_LENGTH));
  if (result.language === '') return { code: 'und', confidence: 0 };
  const top = result.getScores()[result.language] ?? 0;
  const confidence = Math.min(1, Math.max(0, top)) * (result.isReliable() ? 1 : 0.5);
  return { code: result.language, confidence: round(confidence) };
}

export function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
