import type { Changes, Page, Versioned } from '#shared/domain/versioned';

/**
 * The store of one kind of versioned resource (see `shared/domain/versioned.ts`).
 *
 * Rules every adapter keeps: `get` answers `undefined` for an unknown id; every other method that names an
 * id throws `NotFoundError` for an unknown one, naming it. An update with an `expectedVersion` that is not
 * the stored one throws `ConflictError` and changes nothing (optimistic concurrency: concurrent updates
 * with the same expected version leave exactly one winner). A resource something still links to is not
 * deleted: `ConflictError` says how many links hold it.
 */
export interface VersionedStore<T extends Versioned, Patch, Query> {
  /** Stores a new resource as given (the service made its id and times); `ConflictError` if the id exists. */
  create(resource: T): Promise<void>;
  get(id: string): Promise<T | undefined>;
  /** The updated resource: `changes` applied (`null` removes a field), `version` one more. */
  update(id: string, changes: Changes<Patch>, expectedVersion?: number): Promise<T>;
  delete(id: string): Promise<void>;
  /**
   * One page in the resource's list order; following `nextCursor` visits every match once. A bad limit or
   * a cursor not issued for the same filters is a `ValidationError`.
   */
  list(query: Query): Promise<Page<T>>;
}
