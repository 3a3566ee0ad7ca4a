/* eslint-disable @typescript-eslint/require-await -- synchronous SQLite behind an async port: `async` turns its throws into rejections */
import type { DatabaseSync, SQLInputValue } from 'node:sqlite';
import {
  applyChanges,
  notFound,
  staleVersion,
  type Changes,
  type Page,
  type Versioned,
  type VersionedResource,
} from '#shared/domain/versioned';
import type { VersionedStore } from '#shared/ports/versioned-store';
import { transaction } from './database.ts';
import { graphOperation, parseStored, storedFields } from './graph-operation.ts';

/** A list query as SQL: its conditions and their values, its order, and how many rows make a page. */
export interface SqlListQuery {
  readonly conditions: readonly string[];
  readonly values: readonly SQLInputValue[];
  readonly orderBy: string;
  readonly limit: number;
}

/**
 * The list query of the `filters` that apply: each is a condition and its value (or values); a filter
 * whose value is undefined is left out.
 */
export function sqlListQuery(
  orderBy: string,
  limit: number,
  filters: readonly (readonly [string, SQLInputValue | readonly SQLInputValue[] | undefined])[],
): SqlListQuery {
  const applied = filters.filter(([, value]) => value !== undefined);
  return {
    conditions: applied.map(([condition]) => condition),
    values: applied.flatMap(([, value]): SQLInputValue[] => (isList(value) ? [...value] : [value as SQLInputValue])),
    orderBy,
    limit,
  };
}

function isList(value: unknown): value is readonly SQLInputValue[] {
  return Array.isArray(value);
}

/** What makes a table of one versioned resource: everything the shared rules do not decide. */
export interface VersionedTableSpec<T extends Versioned, Query> extends VersionedResource<T, Query> {
  readonly table: string;
  /** Column names, in the order `values` gives them. */
  readonly columns: readonly string[];
  values(resource: T): SQLInputValue[];
  /** A row as the resource's fields, before `schema` checks them. */
  fields?(row: Record<string, unknown>): Record<string, unknown>;
  /** Checks the query (limit, cursor) and says how to run it. */
  listQuery(query: Query): SqlListQuery;
  /** Inside the delete's transaction, before the row goes: throws to keep it, or deletes what goes with it. */
  beforeDelete?(id: string): void;
}

/**
 * One versioned resource in one embedded SQLite table, with the Neo4j adapter's rules: the version check
 * and the write it guards, the link check and the delete, each run in one transaction.
 */
export class EmbeddedVersionedTable<T extends Versioned, Patch, Query> implements VersionedStore<T, Patch, Query> {
  readonly #database: DatabaseSync;
  readonly #spec: VersionedTableSpec<T, Query>;
  readonly #columns: string;
  readonly #placeholders: string;
  readonly #operation: string;

  constructor(database: DatabaseSync, spec: VersionedTableSpec<T, Query>) {
    this.#database = database;
    this.#spec = spec;
    this.#columns = spec.columns.join(', ');
    this.#placeholders = spec.columns.map(() => '?').join(', ');
    this.#operation = spec.kind.label;
  }

  async create(resource: T): Promise<void> {
    graphOperation(`create${this.#operation}`, () =>
      this.#database
        .prepare(`INSERT INTO ${this.#spec.table} (${this.#columns}) VALUES (${this.#placeholders})`)
        .run(...this.#spec.values(resource)),
    );
  }

  async get(id: string): Promise<T | undefined> {
    return graphOperation(`get${this.#operation}`, () => this.find(id));
  }

  async update(id: string, changes: Changes<Patch>, expectedVersion?: number): Promise<T> {
    return graphOperation(`update${this.#operation}`, () =>
      transaction(this.#database, () => {
        const current = this.find(id);
        if (current === undefined) throw notFound(this.#spec.kind, id);
        if (expectedVersion !== undefined && expectedVersion !== current.version) {
          throw staleVersion(this.#spec.kind, id, current.version, expectedVersion);
        }
        const updated = applyChanges(this.#spec.kind, current, changes as Changes<Partial<Record<keyof T, unknown>>>);
        this.#database
          .prepare(`REPLACE INTO ${this.#spec.table} (${this.#columns}) VALUES (${this.#placeholders})`)
          .run(...this.#spec.values(updated));
        return updated;
      }),
    );
  }

  async delete(id: string): Promise<void> {
    graphOperation(`delete${this.#operation}`, () =>
      transaction(this.#database, () => {
        if (this.find(id) === undefined) throw notFound(this.#spec.kind, id);
        this.#spec.beforeDelete?.(id);
        this.#database.prepare(`DELETE FROM ${this.#spec.table} WHERE id = ?`).run(id);
      }),
    );
  }

  async list(query: Query): Promise<Page<T>> {
    const { conditions, values, orderBy, limit } = this.#spec.listQuery(query);
    const where = conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`;
    const rows = graphOperation(`list${this.#operation}s`, () =>
      this.#database
        .prepare(`SELECT ${this.#columns} FROM ${this.#spec.table} ${where} ORDER BY ${orderBy} LIMIT ?`)
        .all(...values, limit + 1),
    );
    return this.#spec.page(
      rows.map((row) => this.#parse(row)),
      query,
    );
  }

  /** The stored resource, inside whatever transaction the caller runs. */
  find(id: string): T | undefined {
    const row = this.#database.prepare(`SELECT ${this.#columns} FROM ${this.#spec.table} WHERE id = ?`).get(id);
    return row === undefined ? undefined : this.#parse(row);
  }

  #parse(row: Record<string, unknown>): T {
    const fields = storedFields(this.#spec.fields?.(row) ?? row);
    return parseStored(this.#spec.schema, fields, this.#spec.kind.label.toLowerCase());
  }
}
