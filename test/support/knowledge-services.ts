import { EmbeddedCache } from '#shared/adapters/embedded/cache';
import { openEmbeddedDatabase } from '#shared/adapters/embedded/database';
import { EmbeddedKnowledgeStore } from '#shared/adapters/embedded/knowledge-store';
import { LocalCache } from '#shared/adapters/memory/lru';
import type { ClaimDeps } from '#shared/services/claims';
import type { ConceptDeps } from '#shared/services/concepts';

/**
 * What the concept and claim services are given, on a fresh in-memory embedded graph and cache, at the
 * fixed time `now`.
 *
 * @example
 * const concept = await createConcept({ name: 'Ash', domain: 'general', type: 'idea' }, knowledgeServiceDeps(now));
 */
export function knowledgeServiceDeps(now: Date): ConceptDeps & ClaimDeps & { store: EmbeddedKnowledgeStore } {
  const database = openEmbeddedDatabase({ dataDir: '', inMemory: true });
  const store = new EmbeddedKnowledgeStore({ database });
  const local = new LocalCache({ maxEntries: 100, maxBytes: 1024 * 1024, ttlMs: 60_000 });
  return {
    store,
    concepts: store,
    claims: store,
    cache: { local, shared: new EmbeddedCache({ database }), ttlSeconds: 300 },
    now: () => now,
  };
}
