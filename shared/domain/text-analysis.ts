import * as z from 'zod/mini';
import { DOMAINS, type Domain } from './documents.ts';

/** Explicit limits of one analysis: the text, the summary a caller may ask for, the request body. */
export const TEXT_ANALYSIS_LIMITS = {
  maxTextLength: 100_000,
  maxSummarySentences: 50,
  maxSummaryWords: 2_000,
  defaultSummarySentences: 3,
  maxKeyPhrases: 10,
  maxCandidateConcepts: 10,
  /** A text at full length, fully JSON-escaped, with room for the options. */
  maxBodyBytes: 700 * 1024,
} as const;

/** How long a summary may be: at most this many sentences, or at most this many words. */
export const summaryLengthSchema = z.union([
  z.strictObject({ sentences: z.int().check(z.gte(1), z.lte(TEXT_ANALYSIS_LIMITS.maxSummarySentences)) }),
  z.strictObject({ words: z.int().check(z.gte(1), z.lte(TEXT_ANALYSIS_LIMITS.maxSummaryWords)) }),
]);
export type SummaryLength = z.infer<typeof summaryLengthSchema>;

/** Body of `POST /analyze/text`. */
export const analyzeTextSchema = z.strictObject({
  text: z
    .string()
    .check(
      z.maxLength(TEXT_ANALYSIS_LIMITS.maxTextLength),
      z.regex(/\S/, { error: 'must contain more than white space' }),
    ),
  /** Link against the concepts and entities of this domain; every domain when absent. */
  domain: z.optional(z.enum(DOMAINS)),
  summary: z._default(summaryLengthSchema, { sentences: TEXT_ANALYSIS_LIMITS.defaultSummarySentences }),
});
export type AnalyzeTextInput = z.infer<typeof analyzeTextSchema>;

export const ENTITY_TYPES = ['person', 'place', 'organization', 'other'] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

export const SENTIMENT_LABELS = ['positive', 'negative', 'neutral', 'unknown'] as const;
export type SentimentLabel = (typeof SENTIMENT_LABELS)[number];

/** The fields of an analysis, each produced by one method. */
export const ANALYSIS_FIELDS = ['language', 'entities', 'concepts', 'keyPhrases', 'summary', 'sentiment'] as const;
export type AnalysisField = (typeof ANALYSIS_FIELDS)[number];

/** ISO 639-1, or `und` (BCP 47's "undetermined") when the text gives too little to tell. */
export interface DetectedLanguage {
  readonly code: string;
  /** 0 to 1. */
  readonly confidence: number;
}

/** A named entity; offsets are UTF-16 code units into the analysed text (`text.slice(start, end)`). */
export interface RecognizedEntity {
  readonly text: string;
  readonly type: EntityType;
  readonly start: number;
  readonly end: number;
  /** The Concept or Entity already in the graph that this names, when one does. */
  readonly linkedId?: string;
  /** 0 to 1: how sure the link is. */
  readonly linkConfidence?: number;
}

/** A concept the text is about: one the graph knows (`linkedId`), or a candidate from its key phrases. */
export interface TextConcept {
  readonly name: string;
  readonly linkedId?: string;
  /** 0 to 1. */
  readonly confidence: number;
  readonly occurrences: number;
}

export interface KeyPhrase {
  readonly text: string;
  /** 0 to 1, relative to the text's best phrase. */
  readonly score: number;
}

export interface TextSummary {
  readonly text: string;
  readonly sentences: number;
  readonly words: number;
}

export interface Sentiment {
  readonly label: SentimentLabel;
  /** -1 (negative) to 1 (positive); 0 when unknown. */
  readonly score: number;
}

/** What the text processor makes of one text. */
export interface TextAnalysis {
  readonly language: DetectedLanguage;
  readonly entities: readonly RecognizedEntity[];
  readonly concepts: readonly TextConcept[];
  readonly keyPhrases: readonly KeyPhrase[];
  readonly summary: TextSummary;
  readonly sentiment: Sentiment;
  /** The method or model that produced each field. */
  readonly methods: Readonly<Record<AnalysisField, string>>;
  /** Fields made with less than a language-appropriate tool (or not at all) for this text's language. */
  readonly degraded: readonly AnalysisField[];
}

/** A Concept or Entity the graph already holds, as the text processor links to it. */
export interface KnownName {
  readonly kind: 'concept' | 'entity';
  readonly id: string;
  readonly name: string;
  readonly domain: Domain;
  /** Entities only: the type the graph records. */
  readonly entityType?: EntityType;
}
