import type { EntityType } from '#shared/domain/text-analysis';
import { compromiseBuilds, parseEnglish } from './compromise-builds.js';
import type { ParsedSentence, ParsedText } from './segments.ts';
import { germanCues, type GermanCues } from './german-cues.ts';
import { stopwordsFor } from './stopwords.ts';

/** An entity as a recognizer finds it, before linking. */
export interface FoundEntity {
  readonly text: string;
  readonly type: EntityType;
  readonly start: number;
  readonly end: number;
}

export const ENTITY_METHODS: Readonly<Record<string, string>> = {
  en: 'compromise 14 (people, places, organizations)',
  de: 'de-compromise (proper-noun chunks, tagged person/place)',
  fr: 'fr-compromise (proper-noun chunks, tagged person/place)',
  es: 'es-compromise (proper-noun chunks, tagged person/place)',
};
export const KNOWN_NAMES_ONLY_METHOD = 'known graph names found in the text (no recognizer for this language)';

/**
 * What names a person, place or organization in each language build: proper-noun runs; in German also a
 * first name with the capitalised noun after it ("Angela Merkel"), since German capitalises every noun and
 * de-compromise tags a surname it does not know as a plain noun. Overlaps keep the longer match.
 */
const NAME_PATTERNS: Readonly<Record<'de' | 'fr' | 'es', readonly string[]>> = {
  de: ['#ProperNoun+', '#FirstName+ #Noun'],
  fr: ['#ProperNoun+'],
  es: ['#ProperNoun+'],
};

/** The part of compromise's API used here, the same in each language's build. */
interface View {
  match(pattern: string): View;
  people(): View;
  places(): View;
  organizations(): View;
  json(options: { offset: true }): unknown[];
}
type Parse = (text: string) => View;

interface JsonMatch {
  readonly offset?: { readonly start: number; readonly length: number };
  readonly terms?: readonly { readonly tags?: readonly string[] }[];
}

const parsers = new Map<string, Promise<Parse>>();

/** Loaded on first use per language, so a text in one language never pays for the other three models. */
function parser(language: keyof typeof compromiseBuilds): Promise<Parse> {
  let found = parsers.get(language);
  if (!found) {
    // Each build's parse function returns its View, of which `View` above is the shared part.
    found = compromiseBuilds[language]().then((parse) => parse as Parse);
    parsers.set(language, found);
  }
  return found;
}

function hasRecognizer(language: string): language is keyof typeof compromiseBuilds {
  return language in compromiseBuilds;
}

/**
 * Named entities, for the languages with a recognizer; undefined for the others. Only the passages that can
 * name something are tagged: tagging is most of a document's time, and a sentence without a capital letter
 * (past an opening stopword) names no person, place or organization for these recognizers.
 */
export async function recognizeEntities(parsed: ParsedText): Promise<FoundEntity[] | undefined> {
  const { language } = parsed;
  if (!hasRecognizer(language)) return undefined;
  const passages = namingPassages(parsed);
  // A text that cannot name anyone is not tagged, nor, in German, French or Spanish, loads its model (~1 s).
  if (passages.length === 0) return [];
  const parse = await parser(language);
  const cues = language === 'de' ? await germanCues() : undefined;
  return recognizeIn(parsed, language, passages, parse, cues);
}

/** The English recognizer, at once: compromise's English model loads with the module (compromise-builds.js). */
export function recognizeEnglishEntities(parsed: ParsedText): FoundEntity[] {
  return recognizeIn(parsed, 'en', namingPassages(parsed), parseEnglish as Parse, undefined);
}

function recognizeIn(
  parsed: ParsedText,
  language: keyof typeof compromiseBuilds,
  passages: readonly { start: number; end: number }[],
  parse: Parse,
  cues: GermanCues | undefined,
): FoundEntity[] {
  const { text } = parsed;
  const found = passages.flatMap(({ start, end }) => {
    const passage = text.slice(start, end);
    const doc = parse(passage);
    const inPassage =
      language === 'en'
        ? [
            ...matches(passage, doc.people(), 'person'),
            // The post-tagger (skipped: compromise-builds.js) is what joins a surname to a first name.
            ...matches(passage, doc.match('#FirstName+ #ProperNoun+'), 'person'),
            ...matches(passage, doc.places(), 'place'),
            ...matches(passage, doc.organizations(), 'organization'),
          ]
        : withPriority(
            cues ? cues(passage) : [],
            NAME_PATTERNS[language].flatMap((pattern) => matches(passage, doc.match(pattern))),
          );
    return inPassage.map((entity) => ({ ...entity, start: entity.start + start, end: entity.end + start }));
  });
  return withoutOverlaps(found);
}

/**
 * Runs of consecutive sentences that may name something, each with the sentence before it as context (a
 * "Mr." or "U.S." that the segmenter split off changes how the next words are tagged), as text offsets.
 */
function namingPassages(parsed: ParsedText): { start: number; end: number }[] {
  const stopwords = stopwordsFor(parsed.language) ?? new Set<string>();
  const passages: { start: number; end: number }[] = [];
  let open: { start: number; end: number } | undefined;
  parsed.sentences.forEach((sentence, index) => {
    if (!mayName(sentence, stopwords)) {
      open = undefined;
      return;
    }
    if (open) open.end = sentence.end;
    else {
      open = { start: (parsed.sentences[index - 1] ?? sentence).start, end: sentence.end };
      passages.push(open);
    }
  });
  return passages;
}

/** A capitalised word, other than a sentence's capitalised opening stopword ("The", "Everyone", "Nadie"). */
function mayName(sentence: ParsedSentence, stopwords: ReadonlySet<string>): boolean {
  return sentence.words.some((word, index) => word.text !== word.lower && (index > 0 || !stopwords.has(word.lower)));
}

function matches(text: string, view: View, type?: EntityType): FoundEntity[] {
  return (view.json({ offset: true }) as JsonMatch[]).flatMap((match) => {
    if (!match.offset) return [];
    const start = match.offset.start;
    const raw = text.slice(start, start + match.offset.length);
    const trimmed = trimPunctuation(raw);
    if (trimmed.length === 0) return [];
    return [{ text: trimmed, type: type ?? typeFromTags(match), start, end: start + trimmed.length }];
  });
}

function typeFromTags(match: JsonMatch): EntityType {
  const tags = new Set((match.terms ?? []).flatMap((term) => term.tags ?? []));
  if (tags.has('Person')) return 'person';
  if (tags.has('Place')) return 'place';
  if (tags.has('Organization')) return 'organization';
  return 'other';
}

/** compromise keeps a term's trailing punctuation; an abbreviation's own period stays. */
function trimPunctuation(raw: string): string {
  const trimmed = raw.trimEnd();
  if (/\b(?:Inc|Ltd|Co|Corp|Jr|Sr|St|Dr|Mr|Mrs|Ms)\.$/.test(trimmed)) return trimmed;
  return trimmed.replace(/[\p{P}\s]+$/u, '');
}

/** The cue entities, then the tagger's where no cue entity overlaps them: a cue ends where a name ends. */
function withPriority(cued: readonly FoundEntity[], tagged: readonly FoundEntity[]): FoundEntity[] {
  const kept = withoutOverlaps(cued);
  return [
    ...kept,
    ...tagged.filter((entity) => !kept.some((other) => entity.start < other.end && other.start < entity.end)),
  ];
}

/** In text order; where two overlap, the longer (then the earlier) stays. */
export function withoutOverlaps(entities: readonly FoundEntity[]): FoundEntity[] {
  const byLength = [...entities].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: FoundEntity[] = [];
  for (const entity of byLength) {
    if (kept.some((other) => entity.start < other.end && other.start < entity.end)) continue;
    kept.push(entity);
  }
  return kept.sort((a, b) => a.start - b.start);
}
