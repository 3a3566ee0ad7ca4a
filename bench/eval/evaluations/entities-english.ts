import path from 'node:path';
import type { EntityType } from '#shared/domain/text-analysis';
import { voaSentences } from '../data/opennlp.ts';
import { entityMeasurements } from '../entity-scores.ts';
import type { Evaluation } from '../evaluation.ts';

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
    'VOA news sentences with person, location and organization spans. Target: precision and recall ≥ 70 % ' +
    '(the reference for the other languages)',
  async run() {
    return entityMeasurements(await voaSentences(CACHE), 'en', GOLD_TYPES, { precision: 0.7, recall: 0.7 });
  },
};
