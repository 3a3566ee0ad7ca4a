import type * as z from 'zod/mini';
import { ConflictError, DependencyError, DomainError } from '#shared/errors';

const SQLITE_CONSTRAINT = 19;
const SQLITE_BUSY = 5;

/**
 * Runs one operation of the embedded graph: a `DomainError` thrown by `work` passes through, a uniqueness
 * violation becomes a `ConflictError`, anything else a `DependencyError` (transient when SQLite was busy).
 */
export function graphOperation<T>(operation: string, work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof DomainError || error instanceof DependencyError) throw error;
    const code = sqliteCode(error);
    if (code === SQLITE_CONSTRAINT) throw new ConflictError('A record with this id already exists');
    throw new DependencyError('graph', `embedded ${operation} failed`, {
      cause: error,
      transient: code === SQLITE_BUSY,
    });
  }
}

/** `value` checked with `schema`; a stored row that does not fit it is a non-transient `DependencyError`. */
export function parseStored<S extends z.ZodMiniType>(schema: S, value: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new DependencyError('graph', `embedded ${what} is malformed`, { transient: false });
  return parsed.data;
}

/** A row's columns as a domain object's fields: snake_case times renamed, SQL nulls (absent fields) left out. */
export function storedFields(row: Record<string, unknown>): Record<string, unknown> {
  const { created_at: createdAt, updated_at: updatedAt, ...rest } = row;
  return Object.fromEntries(
    Object.entries({ ...rest, createdAt, updatedAt }).filter(([, value]) => value !== null && value !== undefined),
  );
}

/** The primary result code of a `node:sqlite` error (its extended code's low byte). */
function sqliteCode(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('errcode' in error)) return undefined;
  return typeof error.errcode === 'number' ? error.errcode & 0xff : undefined;
}
