import type { Domain } from '#shared/domain/documents';
import {
  TEXT_ANALYSIS_LIMITS,
  type AnalysisField,
  type KnownName,
  type RecognizedEntity,
  type SummaryLength,
  type TextAnalysis,
} from '#shared/domain/text-analysis';
import type { KnownNameLookup } from '#shared/ports/known-names';
import { CONCEPTS_METHOD, findConcepts } from './concepts.ts';
import {
  ENTITY_METHODS,
  KNOWN_NAMES_ONLY_METHOD,
  recognizeEnglishEntities,
  recognizeEntities,
  withoutOverlaps,
  type FoundEntity,
} from './entities.ts';
import { KEY_PHRASE_FALLBACK_METHOD, KEY_PHRASE_METHOD, extractKeyPhrases } from './key-phrases.ts';
import { detectLanguage, LANGUAGE_METHOD } from './language.ts';
import { KnownNameIndex, LINKING_METHOD, type NameMention } from './linking.ts';
import { parseText, type ParsedText } from './segments.ts';
import { analyzeSentiment, englishSentiment, NO_SENTIMENT_METHOD, SENTIMENT_METHODS } from './sentiment.ts';
import { summarize, SUMMARY_METHOD } from './summary.ts';

export interface TextProcessorDeps {
  readonly knownNames: KnownNameLookup;
}

export interface AnalyzeOptions {
  readonly summary: SummaryLength;
  /** Link to this domain's concepts and entities; every domain's when absent. */
  readonly domain?: Domain;
}

/**
 * Reads one text: its language first, then each field with the tool for that language. English, German,
 * French and Spanish get a recognizer, a sentiment model or lexicon and a stopword list; another language
 * gets what works without them (summary, key phrases by stopwords-iso where it has the language, links to
 * names the graph knows) and lists the rest in `degraded`.
 */
export async function analyzeText(
  text: string,
  options: AnalyzeOptions,
  deps: TextProcessorDeps,
): Promise<TextAnalysis> {
  const language = detectLanguage(text);
  const parsed = parseText(text, language.code);
  const [known, recognized, sentiment] = await Promise.all([
    deps.knownNames.knownNames(options.domain),
    recognizeEntities(parsed),
    analyzeSentiment(text, language.code),
  ]);
  return assembleAnalysis(text, { language, parsed, known, recognized, sentiment }, options.summary);
}

/** English that names a person, a place and an organization and says something of them. */
const PRIMING_TEXT =
  'Ada Lovelace wrote to Charles Babbage from London. The Royal Society later praised her wonderful notes.';

/**
 * Runs one English text through every step at once, without the graph, so that V8 has compiled them: where
 * Lambda initialises an environment before any request reaches it (provisioned concurrency), the functions that
 * analyse text call it in their init, and the first request does not pay for it. At an on-demand start it would
 * only move that time from the first request to the init, so they do not. Returns what the steps made of it.
 */
export function primeTextProcessor(): TextAnalysis {
  const language = detectLanguage(PRIMING_TEXT);
  const parsed = parseText(PRIMING_TEXT, language.code);
  const recognized = recognizeEnglishEntities(parsed);
  const sentiment = englishSentiment(PRIMING_TEXT);
  return assembleAnalysis(PRIMING_TEXT, { language, parsed, known: [], recognized, sentiment }, { sentences: 1 });
}

/** What the steps that wait on a model or the graph found, for `assembleAnalysis` to finish with. */
interface FoundSoFar {
  readonly language: TextAnalysis['language'];
  readonly parsed: ParsedText;
  readonly known: readonly KnownName[];
  /** Undefined where no recognizer knows the language. */
  readonly recognized: readonly FoundEntity[] | undefined;
  readonly sentiment: TextAnalysis['sentiment'];
}

/** The analysis from what was found: the steps that need nothing loaded or fetched, and each field's method. */
function assembleAnalysis(text: string, found: FoundSoFar, summary: SummaryLength): TextAnalysis {
  const { language, parsed, known, recognized, sentiment } = found;
  const code = language.code;
  const index = new KnownNameIndex(known, code);
  const mentions = index.mentions(parsed);
  const keyPhrases = extractKeyPhrases(parsed, TEXT_ANALYSIS_LIMITS.maxKeyPhrases);
  const degraded: AnalysisField[] = [];
  if (code === 'und') degraded.push('language');
  if (recognized === undefined) degraded.push('entities');
  if (keyPhrases.degraded) degraded.push('keyPhrases');
  if (sentiment.label === 'unknown') degraded.push('sentiment');
  return {
    language,
    entities: linkEntities(text, recognized ?? [], mentions, index),
    concepts: findConcepts(mentions, keyPhrases.phrases, TEXT_ANALYSIS_LIMITS.maxCandidateConcepts),
    keyPhrases: keyPhrases.phrases,
    summary: summarize(parsed, summary),
    sentiment,
    methods: {
      language: LANGUAGE_METHOD,
      entities: `${ENTITY_METHODS[code] ?? KNOWN_NAMES_ONLY_METHOD}; linked by ${LINKING_METHOD}`,
      concepts: CONCEPTS_METHOD,
      keyPhrases: keyPhrases.degraded ? KEY_PHRASE_FALLBACK_METHOD : KEY_PHRASE_METHOD,
      summary: SUMMARY_METHOD,
      sentiment: SENTIMENT_METHODS[code] ?? NO_SENTIMENT_METHOD,
    },
    degraded,
  };
}

/**
 * Recognized entities, each linked when the graph knows its name, plus the graph's entities named in the
 * text that the recognizer missed (or that no recognizer looked for).
 */
function linkEntities(
  text: string,
  recognized: readonly { text: string; type: RecognizedEntity['type']; start: number; end: number }[],
  mentions: readonly NameMention[],
  index: KnownNameIndex,
): RecognizedEntity[] {
  const fromGraph = mentions
    .filter((mention) => mention.known.kind === 'entity')
    .map((mention) => ({
      text: text.slice(mention.start, mention.end),
      type: mention.known.entityType ?? 'other',
      start: mention.start,
      end: mention.end,
    }));
  return withoutOverlaps([...recognized, ...fromGraph]).map((entity) => {
    const link = index.link(entity.text);
    return link ? { ...entity, linkedId: link.id, linkConfidence: link.confidence } : entity;
  });
}
