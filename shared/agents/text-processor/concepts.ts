import type { KeyPhrase, TextConcept } from '#shared/domain/text-analysis';
import { round } from './language.ts';
import { foldName, type NameMention } from './linking.ts';

export const CONCEPTS_METHOD = 'graph concepts named in the text, then key phrases as candidates';

/**
 * The concepts a text is about: the graph's concepts it names (confidence grows with each mention,
 * 0.5, 0.75, 0.875 …, less for a name spelled differently), then its best key phrases as unlinked
 * candidates (at half their key-phrase score).
 */
export function findConcepts(
  mentions: readonly NameMention[],
  keyPhrases: readonly KeyPhrase[],
  maxCandidates: number,
): TextConcept[] {
  const linked = new Map<string, { name: string; occurrences: number; exact: boolean }>();
  for (const mention of mentions) {
    if (mention.known.kind !== 'concept') continue;
    const seen = linked.get(mention.known.id) ?? { name: mention.known.name, occurrences: 0, exact: false };
    linked.set(mention.known.id, {
      name: seen.name,
      occurrences: seen.occurrences + 1,
      exact: seen.exact || mention.exact,
    });
  }
  const concepts: TextConcept[] = [...linked].map(([id, seen]) => ({
    name: seen.name,
    linkedId: id,
    confidence: round((seen.exact ? 1 : 0.9) * (1 - 0.5 ** seen.occurrences)),
    occurrences: seen.occurrences,
  }));
  concepts.sort((a, b) => b.confidence - a.confidence || a.name.localeCompare(b.name));
  const linkedNames = new Set(concepts.map((concept) => foldName(concept.name)));
  const candidates = keyPhrases
    .filter((phrase) => !linkedNames.has(foldName(phrase.text)))
    .slice(0, maxCandidates)
    .map((phrase) => ({ name: phrase.text, confidence: round(phrase.score / 2), occurrences: 1 }));
  return [...concepts, ...candidates];
}
