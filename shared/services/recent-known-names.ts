import type { Domain } from '#shared/domain/documents';
import type { KnownName } from '#shared/domain/text-analysis';
import type { KnownNameLookup } from '#shared/ports/known-names';

/**
 * How long a container reuses the names the graph knows. A concept or entity created since is linked by the
 * documents this container reads after that; documents of one batch, read at once, share one read.
 */
export const KNOWN_NAMES_REUSE_MS = 10_000;

/**
 * `lookup` read at most once per domain every `reuseMs`: every document's analysis needs the domain's known
 * names (up to 10,000 rows), which change far less often than documents arrive. Concurrent readers share the
 * read in flight; a failed read is not kept.
 *
 * @example
 * const names = recentKnownNames(documentKnowledgeStore());
 */
export function recentKnownNames(
  lookup: KnownNameLookup,
  reuseMs = KNOWN_NAMES_REUSE_MS,
  now: () => number = Date.now,
): KnownNameLookup {
  const recent = new Map<Domain | undefined, { readonly at: number; readonly names: Promise<readonly KnownName[]> }>();
  return {
    knownNames(domain?: Domain) {
      const kept = recent.get(domain);
      if (kept && now() - kept.at < reuseMs) return kept.names;
      const names = lookup.knownNames(domain);
      recent.set(domain, { at: now(), names });
      names.catch(() => {
        if (recent.get(domain)?.names === names) recent.delete(domain);
      });
      return names;
    },
  };
}
