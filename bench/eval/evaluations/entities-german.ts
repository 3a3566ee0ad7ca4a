import type { EntityType } from '#shared/domain/text-analysis';
import { germEvalSentences } from '../data/germeval.ts';
import { entityMeasurements } from '../entity-scores.ts';
import type { Evaluation } from '../evaluation.ts';

/** GermEval's outer types → the processor's; OTH and the …deriv / …part types are not names it finds. */
const GOLD_TYPES: Readonly<Record<string, EntityType>> = {
  PER: 'person',
  LOC: 'place',
  ORG: 'organization',
};

export const evaluation: Evaluation = {
  name: 'Entity recognition (German)',
  dataset:
    'GermEval 2014 NER test set (Benikova et al. 2014, CC BY 4.0), its first 1,000 sentences, committed in ' +
    'bench/eval/data/germeval2014/ (source and changes in its README). Target: the English reference ' +
    '(precision and recall ≥ 70 % on VOA)',
  async run() {
    return entityMeasurements(await germEvalSentences(), 'de', GOLD_TYPES, { precision: 0.7, recall: 0.7 });
  },
};
