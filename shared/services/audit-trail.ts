import * as z from 'zod/mini';
import { AUDIT_QUERY_MAX_LIMIT } from '#shared/domain/audit-query';
import type { AuditQuery } from '#shared/domain/audit-query';
import type { AuditEntry } from '#shared/domain/audit';
import { CURSOR_MAX_LENGTH } from '#shared/domain/cursor';
import { usernameSchema } from '#shared/domain/users';
import type { AuditLog } from '#shared/ports/audit-log';

export const AUDIT_DEFAULT_LIMIT = 50;

/** An ISO 8601 date and time with its offset (`Z` or `±hh:mm`): a time without a zone is ambiguous. */
const instant = z.pipe(
  z.iso
    .datetime({ offset: true, error: 'must be an ISO 8601 date-time with a time zone, e.g. 2030-01-31T12:00:00Z' })
    .check(z.regex(/^(19[7-9][0-9]|[2-9][0-9]{3})-/, { error: 'must be a date between 1970 and 9999' })),
  z.transform((value) => new Date(value)),
);

/** `GET /audit`'s query string. Unknown parameters are refused; reversed bounds are the audit log's to refuse. */
export const auditListParametersSchema = z.strictObject({
  user: z.optional(usernameSchema),
  from: z
    .optional(instant)
    .register(z.globalRegistry, { description: 'Oldest entry time, inclusive; must not be after `to` (else 400)' }),
  to: z.optional(instant).register(z.globalRegistry, { description: 'Newest entry time, inclusive; default now' }),
  limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(AUDIT_QUERY_MAX_LIMIT)), AUDIT_DEFAULT_LIMIT),
  cursor: z.optional(z.string().check(z.minLength(1), z.maxLength(CURSOR_MAX_LENGTH))),
});

export interface AuditList {
  readonly items: readonly AuditEntry[];
  readonly nextCursor?: string;
}

/** One page of the audit trail, newest first; a bad cursor or `from` after `to` is a `ValidationError`. */
export async function listAuditEntries(log: AuditLog, query: AuditQuery): Promise<AuditList> {
  const page = await log.query(query);
  return { items: page.entries, ...(page.nextCursor !== undefined && { nextCursor: page.nextCursor }) };
}
