import neo4j from 'neo4j-driver';
import type * as z from 'zod';
import { DependencyError } from '#shared/errors';

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

/** A graph value checked against the domain's schema; a mismatch is the graph's fault, not the caller's. */
export function parse<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(plain(value));
  if (!parsed.success) throw new DependencyError('graph', `neo4j ${what} is malformed`, { transient: false });
  return parsed.data;
}
