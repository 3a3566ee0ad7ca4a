import nlp from 'compromise';

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

/**
 * English, which most texts are in, loads with this module (~140 ms): in Lambda that is the init phase, which an
 * on-demand start runs on a full vCPU rather than the function's memory-sized share, and which provisioned
 * concurrency runs before any request. Loaded in the first request instead, the same work ran on the share.
 * The other languages load on the first text that needs them (README, "Text processor").
 */
const englishSteps = nlp.hooks().filter((step) => !ENGLISH_SKIPPED_STEPS.has(step) && !TOKENIZER_STEPS.has(step));
export const parseEnglish = (text) => nlp.tokenize(text).compute(englishSteps);

export const compromiseBuilds = {
  en: () => Promise.resolve(parseEnglish),
  de: () => import('de-compromise').then((module) => module.default),
  fr: () => import('fr-compromise').then((module) => module.default),
  es: () => import('es-compromise').then((module) => module.default),
};
