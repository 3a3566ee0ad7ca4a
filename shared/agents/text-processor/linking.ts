import type { KnownName } from '#shared/domain/text-analysis';
import { words, type ParsedText } from './segments.ts';

export const LINKING_METHOD = 'exact, then case- and accent-insensitive name match against the graph';

/** A known name where it occurs in the text. */
export interface NameMention {
  readonly known: KnownName;
  readonly start: number;
  readonly end: number;
  /** Spelled exactly as the graph spells it. */
  readonly exact: boolean;
}

export interface Link {
  readonly id: string;
  readonly confidence: number;
}

const EXACT = 1;
const FOLDED = 0.9;

/** Case and accents folded, white space collapsed: how names are compared. */
export function foldName(name: string): string {
  return name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * The graph's known names, indexed for linking. A name that several nodes share splits the confidence
 * between them (the first, in the graph's order, is linked), so an ambiguous link says so.
 */
export class KnownNameIndex {
  readonly #byFolded = new Map<string, KnownName[]>();
  /** First folded word → the names starting with it, as folded word lists. */
  readonly #byFirstWord = new Map<string, { known: KnownName; words: string[] }[]>();

  constructor(names: readonly KnownName[], language: string) {
    for (const known of names) {
      const folded = foldName(known.name);
      const list = this.#byFolded.get(folded) ?? [];
      list.push(known);
      this.#byFolded.set(folded, list);
      const nameWords = words(known.name, language).map((word) => foldName(word.text));
      const first = nameWords[0];
      if (first === undefined) continue;
      const starting = this.#byFirstWord.get(first) ?? [];
      starting.push({ known, words: nameWords });
      this.#byFirstWord.set(first, starting);
    }
    for (const list of this.#byFirstWord.values()) list.sort((a, b) => b.words.length - a.words.length);
  }

  /** The node `text` names, preferring entities over concepts of the same name. */
  link(text: string, prefer: KnownName['kind'] = 'entity'): Link | undefined {
    const candidates = this.#byFolded.get(foldName(text));
    if (!candidates || candidates.length === 0) return undefined;
    const ordered = [...candidates].sort((a, b) => Number(b.kind === prefer) - Number(a.kind === prefer));
    const chosen = ordered.find((known) => known.name === text) ?? ordered[0];
    if (!chosen) return undefined;
    const quality = chosen.name === text ? EXACT : FOLDED;
    return { id: chosen.id, confidence: quality / candidates.length };
  }

  /** Every occurrence of a known name in the text, longest name first where names overlap. */
  mentions(parsed: ParsedText): NameMention[] {
    const { text } = parsed;
    const tokens = parsed.words;
    // An ASCII word has no accents to fold: its lower case is its folded form, without Unicode normalization.
    const folded = tokens.map((token) => (/^[\x21-\x7e]*$/.test(token.text) ? token.lower : foldName(token.text)));
    const found: NameMention[] = [];
    let index = 0;
    while (index < tokens.length) {
      const candidates = this.#byFirstWord.get(folded[index] ?? '') ?? [];
      const match = candidates.find((candidate) =>
        candidate.words.every((word, offset) => folded[index + offset] === word),
      );
      if (!match) {
        index += 1;
        continue;
      }
      const first = tokens[index];
      const last = tokens[index + match.words.length - 1];
      if (first && last) {
        found.push({
          known: match.known,
          start: first.start,
          end: last.end,
          exact: text.slice(first.start, last.end) === match.known.name,
        });
      }
      index += match.words.length;
    }
    return found;
  }
}
