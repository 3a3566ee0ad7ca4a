import { createHash } from 'node:crypto';

/** Who acted: a signed-in user, an API key (actor = the key's owner), or nobody known. */
export const ACTOR_KINDS = ['user', 'api-key', 'anonymous'] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

export const AUDIT_OUTCOMES = ['success', 'failure', 'denied'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

export const ANONYMOUS_ACTOR = 'anonymous';
export const DEFAULT_AUDIT_RETENTION_DAYS = 90;
/** Serialised `details` above this size are replaced by a marker: an audit write must never fail on size. */
export const AUDIT_DETAILS_MAX_BYTES = 2048;
/** The header is the client's to choose; the log keeps enough of it to recognise the client. */
export const AUDIT_USER_AGENT_MAX_LENGTH = 512;

export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };
export type AuditDetails = Readonly<Record<string, JsonValue>>;

/** What a caller reports about one audited action. */
export interface AuditEvent {
  /** The user name, or `anonymous`. */
  readonly actor: string;
  readonly actorKind: ActorKind;
  /** `<resource>.<verb>`, e.g. `login.success`, `login.failure`, `user.create`, `api-key.revoke`, `request.denied`. */
  readonly action: string;
  readonly resourceType: string;
  readonly resourceId?: string;
  readonly outcome: AuditOutcome;
  /** The HTTP status of the response. */
  readonly status: number;
  /**
   * A small object that explains the action (changed field names, a key's id, a denial reason). Callers
   * must NEVER put secrets here: no passwords, tokens, API keys or their hashes. Well-known secret names
   * are redacted as a last line of defence, which is no excuse to pass them.
   */
  readonly details?: AuditDetails;
  readonly ip: string;
  readonly userAgent: string;
  readonly requestId: string;
}

/** One stored audit record. */
export interface AuditEntry extends Omit<AuditEvent, 'details'> {
  /** A UUID derived from the request id and the entry's sequence in that request: a retried write is the same entry. */
  readonly id: string;
  /** ISO 8601 UTC timestamp with milliseconds. */
  readonly at: string;
  readonly details: AuditDetails;
  /** Epoch seconds after which the entry may be deleted (DynamoDB TTL). */
  readonly expiresAt: number;
  /**
   * Set on an entry that stands for repeated requests (denials): how many it counts. Its `at` is the start
   * of its window, its request id and client fields those of the first request.
   */
  readonly count?: number;
}

/** Denied requests alike (who, from where, why, which route) are counted in one entry per window this long. */
export const REPEATED_AUDIT_WINDOW_SECONDS = 600;

/**
 * The entry for `event`. `sequence` numbers the entries of one request (0, 1, …) so each gets its own id,
 * and the same (request, sequence) always gets the same id, which is what makes recording idempotent.
 *
 * @example
 * const entry = newAuditEntry(event, { at: new Date(), sequence: 0, retentionDays: 90 });
 */
export function newAuditEntry(
  event: AuditEvent,
  options: { readonly at: Date; readonly sequence?: number; readonly retentionDays?: number },
): AuditEntry {
  const retentionDays = options.retentionDays ?? DEFAULT_AUDIT_RETENTION_DAYS;
  const { details, ...fields } = event;
  return {
    ...fields,
    id: auditEntryId(event.requestId, options.sequence ?? 0),
    at: options.at.toISOString(),
    userAgent: event.userAgent.slice(0, AUDIT_USER_AGENT_MAX_LENGTH),
    details: boundedDetails(redacted(details ?? {})),
    expiresAt: Math.floor(options.at.getTime() / 1000) + retentionDays * 86_400,
  };
}

/**
 * The entry that counts `event` with every alike event of its window: one id per (actor, address, action,
 * resource, outcome, status, details) and window, so an audit log's `recordRepeated` adds to one count.
 * A flood of denials thus costs a bounded number of entries, not one each.
 */
export function repeatedAuditEntry(
  event: AuditEvent,
  options: { readonly at: Date; readonly retentionDays?: number },
): AuditEntry {
  const windowMs = REPEATED_AUDIT_WINDOW_SECONDS * 1000;
  const windowStart = new Date(Math.floor(options.at.getTime() / windowMs) * windowMs);
  const alike = [event.actor, event.actorKind, event.ip, event.action, event.resourceType, event.resourceId ?? ''];
  const key = JSON.stringify([...alike, event.outcome, event.status, event.details ?? {}]);
  const entry = newAuditEntry(event, { at: windowStart, retentionDays: options.retentionDays });
  return { ...entry, id: auditEntryId(key, 0), count: 1 };
}

/** Namespace of the project's audit ids (UUID v5, RFC 9562). */
const AUDIT_ID_NAMESPACE = Buffer.from('5d0e6c1a9b2f4e8c8a7d3f1b2c4e6a80', 'hex');

/** A name-based (v5) UUID of request id and sequence: stable across retries, unique across requests. */
export function auditEntryId(requestId: string, sequence: number): string {
  const hash = createHash('sha1').update(AUDIT_ID_NAMESPACE).update(`${requestId}\n${sequence}`).digest();
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The UTC day (`YYYY-MM-DD`) of an ISO timestamp: the DynamoDB partition an entry lives in. */
export function auditDay(at: string): string {
  return at.slice(0, 10);
}

const SECRET_NAME = /(password|passwd|secret|token|authorization|cookie|api[-_]?key)$/i;

function redacted(details: AuditDetails): AuditDetails {
  return Object.fromEntries(
    Object.entries(details).map(([name, value]) => [
      name,
      SECRET_NAME.test(name) ? '[redacted]' : redactedValue(value),
    ]),
  );
}

function redactedValue(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map((item: JsonValue) => redactedValue(item));
  if (value !== null && typeof value === 'object') return redacted(value as AuditDetails);
  return value;
}

function boundedDetails(details: AuditDetails): AuditDetails {
  const bytes = Buffer.byteLength(JSON.stringify(details));
  return bytes <= AUDIT_DETAILS_MAX_BYTES ? details : { truncated: true, bytes };
}
