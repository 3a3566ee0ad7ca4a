import { recognizeEntities } from '#shared/agents/text-processor/entities';
import { parseText } from '#shared/agents/text-processor/segments';
import type { EntityType } from '#shared/domain/text-analysis';
import type { LabelledSentence } from './data/opennlp.ts';
import type { Measurement } from './evaluation.ts';

/**
 * Entity recognition scored the same way in every language: a predicted entity counts when its span is
 * exactly a gold span (and, for the typed scores, its type the gold one's). Gold spans of types the
 * processor does not recognize (dates, GermEval's OTH, …deriv, …part) are not counted as gold, so finding
 * them counts against precision, as it would for a user.
 */
export async function entityMeasurements(
  sentences: readonly LabelledSentence[],
  language: string,
  goldTypes: Readonly<Record<string, EntityType>>,
  target: { readonly precision: number; readonly recall: number },
): Promise<Measurement[]> {
  const typed = { gold: 0, predicted: 0, matched: 0 };
  const spans = { matched: 0 };
  for (const sentence of sentences) {
    const gold = sentence.entities.flatMap((entity) => {
      const type = goldTypes[entity.type];
      return type ? [{ ...entity, type }] : [];
    });
    const predicted = (await recognizeEntities(parseText(sentence.text, language))) ?? [];
    typed.gold += gold.length;
    typed.predicted += predicted.length;
    for (const entity of predicted) {
      const same = gold.find((item) => item.start === entity.start && item.end === entity.end);
      if (same) spans.matched += 1;
      if (same?.type === entity.type) typed.matched += 1;
    }
  }
  const share = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);
  return [
    { metric: 'sentences', value: sentences.length, unit: 'count' },
    { metric: 'gold entities (person, location, organization)', value: typed.gold, unit: 'count' },
    {
      metric: 'precision, exact span and type',
      value: share(typed.matched, typed.predicted),
      unit: 'share',
      target: { min: target.precision },
    },
    {
      metric: 'recall, exact span and type',
      value: share(typed.matched, typed.gold),
      unit: 'share',
      target: { min: target.recall },
    },
    { metric: 'precision, exact span, any type', value: share(spans.matched, typed.predicted), unit: 'share' },
    { metric: 'recall, exact span, any type', value: share(spans.matched, typed.gold), unit: 'share' },
  ];
}
