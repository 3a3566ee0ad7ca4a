import neo4j, { type ManagedTransaction, type Record as Neo4jRecord } from 'neo4j-driver-lite';
import type * as z from 'zod/mini';
import { DependencyError } from '#shared/errors';

/** The first record `query` returns, if any. */
export async function first(
  tx: ManagedTransaction,
  query: string,
  parameters: Record<string, unknown>,
): Promise<Neo4jRecord | undefined> {
  const result = await tx.run(query, parameters);
  return result.records[0];
}

/** Node properties: a key whose value is undefined is left out, as the domain object means. */
export function properties(record: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
}

/**
 * The patch's changeable fields only (never id, version or times, whatever the object carries): an absent
 * field stays absent, a null one stays null, which removes the property.
 */
export function changedFields(patch: object, fields: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(patch).filter(([key, value]) => fields.includes(key) && value !== undefined),
  );
}

/** Graph values as plain JSON: integers as numbers, missing properties (null) left out. */
export function plain(value: unknown): unknown {
  if (neo4j.isInt(value)) return value.toNumber();
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).flatMap(([key, item]) => (item === null ? [] : [[key, plain(item)]])),
    );
  }
  return value;
}

export function count(value: unknown): number {
  const number = plain(value);
  return typeof number === 'number' ? number : 0;
}

/** `value` as plain JSON checked with `schema`; a stored value that does not fit is a non-transient `DependencyError`. */
export function parse<S extends z.ZodMiniType>(schema: S, value: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(plain(value));
  if (!parsed.success) throw new DependencyError('graph', `neo4j ${what} is malformed`, { transient: false });
  return parsed.data;
}
