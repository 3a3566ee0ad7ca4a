import path from 'node:path';
import { recognizeEntities } from '#shared/agents/text-processor/entities';
import { parseText } from '#shared/agents/text-processor/segments';
import type { EntityType } from '#shared/domain/text-analysis';
import { voaSentences } from '../data/opennlp.ts';
import type { Evaluation, Measurement } from '../evaluation.ts';

/** OpenNLP's types → the processor's; dates are not something it recognizes, so they are left out. */
const GOLD_TYPES: Readonly<Record<string, EntityType>> = {
  person: 'person',
  location: 'place',
  organization: 'organization',
};

const CACHE = path.resolve(import.meta.dirname, '..', '..', '..', '.cache', 'eval');

export const evaluation: Evaluation = {
  name: 'Entity recognition (English)',
  dataset:
    'Apache OpenNLP 2.3.3 test resources (Maven Central opennlp-tools:2.3.3:tests, voa1/voa2.train): ' +
    'VOA news sentences with person, location and organization spans',
  async run() {
    const sentences = await voaSentences(CACHE);
    const typed = { gold: 0, predicted: 0, matched: 0 };
    const spans = { matched: 0 };
    for (const sentence of sentences) {
      const gold = sentence.entities.flatMap((entity) => {
        const type = GOLD_TYPES[entity.type];
        return type ? [{ ...entity, type }] : [];
      });
      const predicted = (await recognizeEntities(parseText(sentence.text, 'en'))) ?? [];
      typed.gold += gold.length;
      typed.predicted += predicted.length;
      for (const entity of predicted) {
        const same = gold.find((item) => item.start === entity.start && item.end === entity.end);
        if (same) spans.matched += 1;
        if (same?.type === entity.type) typed.matched += 1;
      }
    }
    const share = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);
    const measurements: Measurement[] = [
      { metric: 'sentences', value: sentences.length, unit: 'count' },
      { metric: 'gold entities (person, location, organization)', value: typed.gold, unit: 'count' },
      { metric: 'precision, exact span and type', value: share(typed.matched, typed.predicted), unit: 'share' },
      { metric: 'recall, exact span and type', value: share(typed.matched, typed.gold), unit: 'share' },
      { metric: 'precision, exact span, any type', value: share(spans.matched, typed.predicted), unit: 'share' },
      { metric: 'recall, exact span, any type', value: share(spans.matched, typed.gold), unit: 'share' },
    ];
    return measurements;
  },
};
