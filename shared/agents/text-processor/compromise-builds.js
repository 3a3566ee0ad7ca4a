// Plain JavaScript on purpose: es- and fr-compromise publish TypeScript sources as their types, which do
// not compile under this project's strict settings; compromise-builds.d.ts types these loaders instead.

/**
 * compromise's steps that English entity recognition skips. The post-tagger's several hundred correction
 * rules took two-thirds of a document's time and, on the entity evaluation (VOA sentences), lowered
 * precision and recall (57 %/54 % with it, 68 %/68 % without: it folds titles such as "President" into
 * people; entities.ts joins a first name to its surname itself: 73 %/72 %); the chunker serves verb and noun phrases, which are not read here. README, "Text processor".
 */
const ENGLISH_SKIPPED_STEPS = new Set(['postTagger', 'chunks']);
/** The steps `nlp.tokenize` has already run. */
const TOKENIZER_STEPS = new Set(['alias', 'normal', 'machine', 'contractions']);

export const compromiseBuilds = {
  en: () =>
    import('compromise').then(({ default: nlp }) => {
      const steps = nlp.hooks().filter((step) => !ENGLISH_SKIPPED_STEPS.has(step) && !TOKENIZER_STEPS.has(step));
      return (text) => nlp.tokenize(text).compute(steps);
    }),
  de: () => import('de-compromise').then((module) => module.default),
  fr: () => import('fr-compromise').then((module) => module.default),
  es: () => import('es-compromise').then((module) => module.default),
};
