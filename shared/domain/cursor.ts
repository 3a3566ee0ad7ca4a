import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import * as z from 'zod/mini';
import { ValidationError } from '#shared/errors';

/**
 * Opaque pagination cursors, shared by every paginated list.
 *
 * A cursor is `base64url(JSON {v, q, p})`, optionally followed by `.base64url(HMAC-SHA256)`:
 * - `v` the format version, so the format can change without misreading old cursors;
 * - `q` a short hash of the list's scope (its name and the request's filters), so a cursor is only
 *   accepted by the query that issued it;
 * - `p` the position: where the next page starts, checked with the caller's zod schema.
 *
 * A cursor holds a position only, never who may see what: the adapter takes the scope (user, bounds)
 * from the request, so a forged position can only move within rows the caller may already list. With a
 * `signingKey`, cursors are also signed and a cursor the server did not issue is refused.
 */
export const CURSOR_VERSION = 1;

/** Longer than any cursor this project issues; keeps abusive input from being decoded at all. */
export const CURSOR_MAX_LENGTH = 2048;

export interface CursorOptions {
  /** HMAC-SHA256 key. When set, cursors are signed and unsigned or mis-signed cursors are refused. */
  readonly signingKey?: string | Uint8Array;
}

const envelope = z.strictObject({
  v: z.literal(CURSOR_VERSION),
  q: z.string(),
  p: z.unknown(),
});

/**
 * The scope string for a list and its filters: a cursor issued under one scope is refused under another.
 *
 * @example
 * cursorScope('audit', { user: 'alice', from: undefined, to: '2030-01-01T00:00:00.000Z' })
 */
export function cursorScope(list: string, filters: Readonly<Record<string, string | number | undefined>>): string {
  const parts = Object.keys(filters)
    .sort()
    .map((name) => `${name}=${filters[name] ?? ''}`);
  return [list, ...parts].join('\n');
}

/**
 * @example
 * const next = encodeCursor(cursorScope('audit', filters), { at: last.at, id: last.id });
 */
export function encodeCursor(scope: string, position: unknown, options: CursorOptions = {}): string {
  const body = Buffer.from(JSON.stringify({ v: CURSOR_VERSION, q: scopeHash(scope), p: position })).toString(
    'base64url',
  );
  return options.signingKey === undefined ? body : `${body}.${signature(body, options.signingKey)}`;
}

/**
 * The position in `cursor`, checked against `scope` and `schema`. Throws `ValidationError` (400, field
 * `cursor`) for anything this project did not issue for this query.
 *
 * @example
 * const position = decodeCursor(query.cursor, scope, z.object({ at: z.iso.datetime(), id: z.string() }));
 */
export function decodeCursor<S extends z.ZodMiniType>(
  cursor: string,
  scope: string,
  schema: S,
  options: CursorOptions = {},
): z.output<S> {
  if (cursor.length === 0 || cursor.length > CURSOR_MAX_LENGTH) {
    throw invalidCursor(`it must be 1 to ${CURSOR_MAX_LENGTH} characters long`);
  }
  const [body = '', mac, ...rest] = cursor.split('.');
  if (rest.length > 0) throw invalidCursor('it is not in the cursor format');
  if (options.signingKey === undefined) {
    if (mac !== undefined) throw invalidCursor('it is signed, and this server does not sign cursors');
  } else if (mac === undefined || !sameSignature(mac, signature(body, options.signingKey))) {
    throw invalidCursor('its signature does not match');
  }

  const parsed = envelope.safeParse(parseJson(body));
  if (!parsed.success) throw invalidCursor('it is not a cursor of a supported version');
  if (parsed.data.q !== scopeHash(scope)) {
    throw invalidCursor('it belongs to a different query; repeat the query without a cursor');
  }
  const position = schema.safeParse(parsed.data.p);
  if (!position.success) throw invalidCursor('its position is malformed');
  return position.data;
}

function parseJson(body: string): unknown {
  if (!/^[A-Za-z0-9_-]+$/.test(body)) throw invalidCursor('it is not base64url');
  try {
    return JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor('it does not decode to JSON');
  }
}

function scopeHash(scope: string): string {
  return createHash('sha256').update(scope).digest('base64url').slice(0, 16);
}

function signature(body: string, key: string | Uint8Array): string {
  return createHmac('sha256', key).update(body).digest('base64url');
}

function sameSignature(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function invalidCursor(reason: string): ValidationError {
  const message = `The cursor is not valid: ${reason}`;
  return new ValidationError(message, [{ field: 'cursor', message }]);
}
