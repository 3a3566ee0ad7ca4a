import type * as z from 'zod/mini';
import { ConflictError, NotFoundError, ValidationError } from '#shared/errors';
import { encodeCursor } from './cursor.ts';

/**
 * A versioned resource: created once with version 1, changed only by patches that bump the version (the
 * ETag, and what `If-Match` is checked against), deleted only when nothing links to it, listed in pages
 * by an opaque cursor. Concepts and claims are versioned resources; documents and analyses will be.
 *
 * How a new resource plugs in, layer by layer (concepts are the worked example):
 * 1. domain: its type extends `Versioned`; declare a `VersionedKind` (its label and the fields a patch may
 *    change), its zod schemas and its list query (`resolve…Query` / `…Page` on `keysetPage`).
 * 2. port: its store is a `VersionedStore<T, Patch, Query>` (`shared/ports/versioned-store.ts`).
 * 3. adapters: an `EmbeddedVersionedTable` (its columns and list filters) and a `Neo4jVersionedNodes` (its
 *    label and list Cypher); both keep the store's rules, and the contract suite proves they do.
 * 4. service: `versionedResources(kind, …)` gives create, get (read through the cache), update, delete and
 *    list, with every write invalidating the cache keys it touches (`shared/services/versioned-resources.ts`).
 * 5. HTTP: `versionedHandlers` (`shared/http/versioned-handlers.ts`) for the five routes, and
 *    `versionedOperations` for their OpenAPI entries (`shared/http/openapi/versioned-operations.ts`).
 */
export interface Versioned {
  readonly id: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** 1 on creation, one more on each update. */
  readonly version: number;
}

/** What kind of versioned resource: how messages name it and which fields a patch may change. */
export interface VersionedKind<T extends Versioned> {
  /** `Concept`: names it in messages, labels its nodes in the graph. */
  readonly label: string;
  /** The fields a patch may change (never id, version or times); `null` in a patch removes an optional one. */
  readonly changeable: readonly (keyof T & string)[];
}

/** What every store of a kind of versioned resource needs from the domain: its kind, its schema, its pages. */
export interface VersionedResource<T extends Versioned, Query> {
  readonly kind: VersionedKind<T>;
  /** Checks what a store reads back. */
  readonly schema: z.ZodMiniType<T>;
  /** The page for the rows an adapter fetched in the list's order, up to the query's limit + 1. */
  page(rows: readonly T[], query: Query): Page<T>;
}

/** A patch as the store applies it: the service adds the time of the change. */
export type Changes<Patch> = Patch & { readonly updatedAt: string };

/** One page of a list; `nextCursor` is present when more match: pass it back with the same filters. */
export interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor?: string;
}

/** `resource` with the patch's fields applied (`null` removes one), `updatedAt` set and its version bumped. */
export function applyChanges<T extends Versioned>(
  kind: VersionedKind<T>,
  resource: T,
  changes: Changes<Partial<Record<keyof T, unknown>>>,
): T {
  const next: Record<string, unknown> = { ...(resource as object) };
  for (const field of kind.changeable) {
    const value = changes[field];
    if (value !== undefined) next[field] = value;
  }
  // A stored resource holds no nulls: a null in the patch removes the field.
  const kept = Object.entries(next).filter(([, value]) => value !== null);
  return { ...Object.fromEntries(kept), updatedAt: changes.updatedAt, version: resource.version + 1 } as T;
}

export function notFound(kind: { readonly label: string }, id: string): NotFoundError {
  return new NotFoundError(`No ${kind.label.toLowerCase()} '${id}'`);
}

/** An update whose expected version is not the stored one changes nothing. */
export function staleVersion(
  kind: { readonly label: string },
  id: string,
  current: number,
  expected: number | undefined,
): ConflictError {
  return new ConflictError(
    `${kind.label} '${id}' is at version ${current}, not ${String(expected)}: read it again and reapply your change`,
  );
}

/** The 409 detail for deleting a resource still held by `holds` (undefined parts hold nothing); else undefined. */
export function stillLinked(
  kind: { readonly label: string },
  id: string,
  holds: readonly (string | undefined)[],
  remedy: string,
): string | undefined {
  const parts = holds.filter((part) => part !== undefined);
  if (parts.length === 0) return undefined;
  return `${kind.label} '${id}' is still linked (${parts.join(', ')}): ${remedy}`;
}

/** Shared by every paginated list: the port may be called without the handler's schema. */
export function checkLimit(limit: number, max: number): void {
  if (!Number.isInteger(limit) || limit < 1 || limit > max) {
    const message = `must be an integer from 1 to ${max}`;
    throw new ValidationError(`limit: ${message}`, [{ field: 'limit', message }]);
  }
}

/**
 * The page for `rows`, which the adapter fetched in order up to `limit + 1`: the cursor holds the last
 * item's position under `scope`.
 */
export function keysetPage<T>(
  rows: readonly T[],
  limit: number,
  scope: string,
  positionOf: (last: T) => unknown,
): Page<T> {
  if (rows.length <= limit) return { items: rows };
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  if (last === undefined) return { items };
  return { items, nextCursor: encodeCursor(scope, positionOf(last)) };
}

export function plural(count: number, one: string, many: string): string | undefined {
  if (count === 0) return undefined;
  return `${count} ${count === 1 ? one : many}`;
}
