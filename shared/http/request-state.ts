import type { Principal } from '#shared/auth/authenticate';
import type { ActorKind, AuditDetails } from '#shared/domain/audit';
import type { Context } from './types.ts';

/** What a handler reports for the audit trail; who, where and when are filled in by the audit middleware. */
export interface AuditNote {
  readonly action: string;
  readonly resourceType: string;
  readonly resourceId?: string;
  readonly outcome?: 'success' | 'failure' | 'denied';
  /** Never secrets: no passwords, tokens, keys or hashes. */
  readonly details?: AuditDetails;
  /** For actions by someone not yet authenticated (a login): the account concerned, never raw input. */
  readonly actor?: string;
  readonly actorKind?: ActorKind;
}

interface RequestState {
  /** `performance.now()` when the stack's first hook ran: the one start of every duration of the request. */
  startedAt?: number;
  principal?: Principal;
  readonly audit: AuditNote[];
  /** The response is a replay of a stored one (Idempotency-Key): nothing was done, nothing is audited. */
  replayed?: boolean;
}

// Keyed by the invocation's context object: one state per request, gone with it, safe under concurrency.
const states = new WeakMap<Context, RequestState>();

function state(context: Context): RequestState {
  let current = states.get(context);
  if (!current) {
    current = { audit: [] };
    states.set(context, current);
  }
  return current;
}

/** Marks the start of the request; `requestStartMiddleware`, the stack's first hook, calls it. */
export function markRequestStart(context: Context): void {
  state(context).startedAt = performance.now();
}

/** Milliseconds since the request's start; 0 for a request whose start was never marked (not through the stack). */
export function requestElapsedMs(context: Context): number {
  const startedAt = states.get(context)?.startedAt;
  return startedAt === undefined ? 0 : performance.now() - startedAt;
}

export function setPrincipal(context: Context, principal: Principal | undefined): void {
  state(context).principal = principal;
}

/** The authenticated caller; undefined only on public routes. */
export function principalOf(context: Context): Principal | undefined {
  return states.get(context)?.principal;
}

/** The authenticated caller of a route that requires one (the security middleware has checked it). */
export function requirePrincipal(context: Context): Principal {
  const principal = principalOf(context);
  if (!principal) throw new Error('No principal on a route that requires authentication');
  return principal;
}

/** Adds an entry to this request's audit trail, written before the response is sent. */
export function audit(context: Context, note: AuditNote): void {
  state(context).audit.push(note);
}

export function auditNotes(context: Context): readonly AuditNote[] {
  return states.get(context)?.audit ?? [];
}

/** Marks the response as an idempotent replay. */
export function markReplayed(context: Context): void {
  state(context).replayed = true;
}

export function isReplayed(context: Context): boolean {
  return states.get(context)?.replayed === true;
}
