import neo4j, { type Record as Neo4jRecord } from 'neo4j-driver-lite';
import * as versioned from '#shared/domain/versioned';
import { ConflictError } from '#shared/errors';
import type { VersionedStore } from '#shared/ports/versioned-store';
import { versionedNodeQueries } from './knowledge-queries.ts';
import { changedFields, count, first, parse, properties } from './records.ts';
import type { Neo4jTransactions } from './transactions.ts';

/** What makes the nodes of one versioned resource: everything the shared rules do not decide. */
export interface VersionedNodesSpec<T extends versioned.Versioned, Query> extends versioned.VersionedResource<
  T,
  Query
> {
  /** The Cypher map projection of a node `c` (`c {.id, .name, …}`). */
  readonly projection: string;
  /** Deletes `$id` only when nothing holds it, returning the counts `stillLinked` reads either way. */
  readonly deleteQuery: string;
  /** The 409 detail for the counts `deleteQuery` returned; undefined when the node went. */
  stillLinked(id: string, record: Neo4jRecord): string | undefined;
  /** Lists the nodes as `resource`, in the list's order, up to `$limit`. */
  readonly listQuery: string;
  /** Checks the query (limit, cursor) and gives `listQuery`'s parameters (undefined: no filter) and the page's size. */
  listParameters(query: Query): { readonly parameters: Record<string, unknown>; readonly limit: number };
}

/**
 * One versioned resource as nodes of one label on Neo4j. Ids are unique once the migrations have run; the
 * update and delete take the node's write lock before they check (see `knowledge-queries.ts`).
 */
export class Neo4jVersionedNodes<T extends versioned.Versioned, Patch, Query> implements VersionedStore<
  T,
  Patch,
  Query
> {
  readonly #transactions: Neo4jTransactions;
  readonly #spec: VersionedNodesSpec<T, Query>;
  readonly #queries: ReturnType<typeof versionedNodeQueries>;
  readonly #what: string;

  constructor(transactions: Neo4jTransactions, spec: VersionedNodesSpec<T, Query>) {
    this.#transactions = transactions;
    this.#spec = spec;
    this.#queries = versionedNodeQueries(spec.kind.label, spec.projection);
    this.#what = spec.kind.label.toLowerCase();
  }

  async create(resource: T): Promise<void> {
    await this.#transactions.write(`create${this.#spec.kind.label}`, (tx) =>
      tx.run(this.#queries.create, { resource: { ...properties(resource), version: neo4j.int(resource.version) } }),
    );
  }

  async get(id: string): Promise<T | undefined> {
    const record = await this.#transactions.read(`get${this.#spec.kind.label}`, (tx) =>
      first(tx, this.#queries.get, { id }),
    );
    return record === undefined ? undefined : this.#parse(record);
  }

  async update(id: string, changes: versioned.Changes<Patch>, expectedVersion?: number): Promise<T> {
    const record = await this.#transactions.write(`update${this.#spec.kind.label}`, (tx) =>
      first(tx, this.#queries.update, {
        id,
        fields: changedFields(changes as object, this.#spec.kind.changeable),
        updatedAt: changes.updatedAt,
        expectedVersion: expectedVersion === undefined ? null : neo4j.int(expectedVersion),
      }),
    );
    if (record === undefined) throw versioned.notFound(this.#spec.kind, id);
    if (record.get('matches') !== true) {
      throw versioned.staleVersion(this.#spec.kind, id, count(record.get('current')), expectedVersion);
    }
    return this.#parse(record);
  }

  async delete(id: string): Promise<void> {
    const record = await this.#transactions.write(`delete${this.#spec.kind.label}`, (tx) =>
      first(tx, this.#spec.deleteQuery, { id }),
    );
    if (record === undefined) throw versioned.notFound(this.#spec.kind, id);
    const inUse = this.#spec.stillLinked(id, record);
    if (inUse !== undefined) throw new ConflictError(inUse);
  }

  async list(query: Query): Promise<versioned.Page<T>> {
    const { parameters, limit } = this.#spec.listParameters(query);
    const records = await this.#transactions.read(`list${this.#spec.kind.label}s`, async (tx) => {
      // Every parameter the query names must be sent: an absent filter is a null.
      const values = Object.fromEntries(Object.entries(parameters).map(([name, value]) => [name, value ?? null]));
      const result = await tx.run(this.#spec.listQuery, { ...values, limit: neo4j.int(limit + 1) });
      return result.records;
    });
    return this.#spec.page(
      records.map((record) => this.#parse(record)),
      query,
    );
  }

  #parse(record: Neo4jRecord): T {
    return parse(this.#spec.schema, record.get('resource'), this.#what);
  }
}
