import { notFound, type Page, type Versioned, type VersionedKind } from '#shared/domain/versioned';
import type { VersionedStore } from '#shared/ports/versioned-store';
import { invalidate, readThrough, type ReadThroughDeps } from './read-through.ts';

/** What every versioned-resource service call is given besides the store. */
export interface ResourceDeps {
  readonly cache: ReadThroughDeps;
  readonly now?: () => Date;
  readonly newId?: () => string;
}

/** What the shared work needs to know of one kind of versioned resource. */
export interface VersionedResourceSpec<T extends Versioned, Create> {
  readonly kind: VersionedKind<T>;
  /** Where `get` caches the resource (one of `cacheKeys`). */
  readonly cacheKey: (id: string) => string;
  /** Other cached reads a write to the resource makes stale (a claim's evidence list). */
  readonly dependentKeys?: (id: string) => readonly string[];
  readonly newId: () => string;
  newResource(input: Create, id: string, now: Date): T;
}

/** A change `If-Match` may make conditional: a stale `expectedVersion` is a `ConflictError`. */
export interface ResourceChange<Patch> {
  readonly id: string;
  readonly patch: Patch;
  readonly expectedVersion?: number;
}

/**
 * The work every versioned resource's endpoints share (see `shared/domain/versioned.ts` for how a resource
 * plugs in): ids and times are made here, reads go through the cache, and every write invalidates the
 * cache keys it makes stale after it commits, so handlers never touch the cache.
 *
 * @example
 * const concepts = versionedResources({ kind: CONCEPT_KIND, cacheKey: cacheKeys.concept, newId: newConceptId, newResource: newConcept });
 * const concept = await concepts.get(id, store.concepts, deps);
 */
export function versionedResources<T extends Versioned, Create, Patch, Query>(spec: VersionedResourceSpec<T, Create>) {
  const staleKeys = (id: string): string[] => [spec.cacheKey(id), ...(spec.dependentKeys?.(id) ?? [])];
  return {
    async create(input: Create, store: VersionedStore<T, Patch, Query>, deps: ResourceDeps): Promise<T> {
      const resource = spec.newResource(input, deps.newId?.() ?? spec.newId(), deps.now?.() ?? new Date());
      await store.create(resource);
      return resource;
    },

    /** The resource, read through the cache; a missing one (never cached) is a `NotFoundError`. */
    async get(id: string, store: VersionedStore<T, Patch, Query>, deps: ResourceDeps): Promise<T> {
      const { value } = await readThrough(spec.cacheKey(id), () => store.get(id), deps.cache);
      if (value === undefined) throw notFound(spec.kind, id);
      return value;
    },

    async update(
      change: ResourceChange<Patch>,
      store: VersionedStore<T, Patch, Query>,
      deps: ResourceDeps,
    ): Promise<T> {
      const updatedAt = (deps.now?.() ?? new Date()).toISOString();
      const updated = await store.update(change.id, { ...change.patch, updatedAt }, change.expectedVersion);
      await invalidate(staleKeys(change.id), deps.cache);
      return updated;
    },

    /** A resource something still links to is kept: the store's `ConflictError` says by how many links. */
    async delete(id: string, store: VersionedStore<T, Patch, Query>, deps: ResourceDeps): Promise<void> {
      await store.delete(id);
      await invalidate(staleKeys(id), deps.cache);
    },

    list(query: Query, store: VersionedStore<T, Patch, Query>): Promise<Page<T>> {
      return store.list(query);
    },

    /** After a write that changes what the resources `ids` read as (a relation, evidence) has committed. */
    async invalidate(ids: readonly string[], deps: ResourceDeps): Promise<void> {
      await invalidate(ids.flatMap(staleKeys), deps.cache);
    },
  };
}
