import * as z from 'zod/mini';
import { ValidationError } from '#shared/errors';
import type { FieldError } from '#shared/errors';
import type { AuditEntry } from './audit.ts';
import { cursorScope, decodeCursor, encodeCursor } from './cursor.ts';
import type { CursorOptions } from './cursor.ts';

export const AUDIT_QUERY_MAX_LIMIT = 100;

/** `GET /audit`'s filters. Bounds are inclusive; entries come newest first. */
export interface AuditQuery {
  /** Only this actor's entries. */
  readonly user?: string;
  /** Default: `to` minus the retention period. */
  readonly from?: Date;
  /** Default: now. */
  readonly to?: Date;
  /** 1 to 100. */
  readonly limit: number;
  /** `nextCursor` of the previous page of the same query. */
  readonly cursor?: string;
}

export interface AuditPage {
  readonly entries: readonly AuditEntry[];
  /** Present when more entries match; pass it back as `cursor` with the same filters. */
  readonly nextCursor?: string;
}

/** Where a page starts: strictly older than this entry in (at, id) order. */
export interface AuditPosition {
  readonly at: string;
  readonly id: string;
}

/** A checked query with every default applied, as both adapters run it. */
export interface ResolvedAuditQuery {
  readonly user?: string;
  /** ISO timestamps, inclusive. */
  readonly from: string;
  readonly to: string;
  readonly limit: number;
  readonly before?: AuditPosition;
  /** The cursor points below `from` (the default `from` moved on since it was issued): nothing is left. */
  readonly exhausted: boolean;
}

const positionSchema = z.strictObject({
  at: z.iso.datetime({ precision: 3 }),
  id: z.string().check(z.minLength(1), z.maxLength(200)),
});

/**
 * Checks `query` and applies its defaults. Throws `ValidationError` for a bad limit, reversed bounds or a
 * cursor that was not issued for this query.
 */
export function resolveAuditQuery(
  query: AuditQuery,
  context: { readonly now: Date; readonly retentionDays: number; readonly cursor?: CursorOptions },
): ResolvedAuditQuery {
  const to = query.to ?? context.now;
  const from = query.from ?? new Date(to.getTime() - context.retentionDays * 86_400_000);
  const problems = queryProblems(query, from, to);
  if (problems.length > 0) {
    throw new ValidationError(problems.map((problem) => `${problem.field}: ${problem.message}`).join('; '), problems);
  }
  const resolved = { user: query.user, from: from.toISOString(), to: to.toISOString(), limit: query.limit };
  if (query.cursor === undefined) return { ...resolved, exhausted: false };

  const before = decodeCursor(query.cursor, auditCursorScope(query), positionSchema, context.cursor);
  if (before.at > resolved.to) {
    throw new ValidationError('The cursor is not valid: it points past this query\'s "to"', [
      { field: 'cursor', message: 'points past "to"' },
    ]);
  }
  return { ...resolved, before, exhausted: before.at < resolved.from };
}

/**
 * The page for `rows`, which the adapter fetched newest first up to `limit + 1`: one row more than the
 * page holds is how it knows another page exists.
 */
export function auditPage(
  rows: readonly AuditEntry[],
  query: AuditQuery,
  resolved: ResolvedAuditQuery,
  cursor?: CursorOptions,
): AuditPage {
  if (rows.length <= resolved.limit) return { entries: rows };
  const entries = rows.slice(0, resolved.limit);
  const last = entries[entries.length - 1];
  if (!last) return { entries };
  return { entries, nextCursor: encodeCursor(auditCursorScope(query), { at: last.at, id: last.id }, cursor) };
}

/** The filters as the client sent them, so the default `to` (now) moving between pages keeps the scope. */
function auditCursorScope(query: AuditQuery): string {
  return cursorScope('audit', {
    user: query.user,
    from: query.from?.toISOString(),
    to: query.to?.toISOString(),
  });
}

function queryProblems(query: AuditQuery, from: Date, to: Date): FieldError[] {
  const problems: FieldError[] = [];
  if (!Number.isInteger(query.limit) || query.limit < 1 || query.limit > AUDIT_QUERY_MAX_LIMIT) {
    problems.push({ field: 'limit', message: `must be an integer from 1 to ${AUDIT_QUERY_MAX_LIMIT}` });
  }
  if (query.user?.length === 0) problems.push({ field: 'user', message: 'must not be empty' });
  if (!storableDate(from)) problems.push({ field: 'from', message: 'must be a date between 1970 and 9999' });
  if (!storableDate(to)) problems.push({ field: 'to', message: 'must be a date between 1970 and 9999' });
  if (problems.length === 0 && from > to) problems.push({ field: 'from', message: 'must not be after "to"' });
  return problems;
}

/** Timestamps are compared as ISO strings, which sort in time order only for four-digit years. */
function storableDate(date: Date): boolean {
  const year = date.getUTCFullYear();
  return !Number.isNaN(date.getTime()) && year >= 1970 && year <= 9999;
}
