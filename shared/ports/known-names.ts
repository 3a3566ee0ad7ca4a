import type { Domain } from '#shared/domain/documents';
import type { KnownName } from '#shared/domain/text-analysis';

/** The most names one lookup answers: linking reads them all, so the answer stays bounded. */
export const KNOWN_NAMES_LIMIT = 10_000;

/** What the graph already knows by name, for the text processor to link to. */
export interface KnownNameLookup {
  /**
   * The Concepts and Entities of `domain` (every domain when absent), ordered by name then id, at most
   * `KNOWN_NAMES_LIMIT` of them.
   */
  knownNames(domain?: Domain): Promise<readonly KnownName[]>;
}
