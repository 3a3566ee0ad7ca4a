import type { HttpFunction } from '#shared/function-definitions';
import { config } from '#shared/config';
import { auditLog } from '#shared/container/audit';
import { ANONYMOUS_ACTOR, newAuditEntry, repeatedAuditEntry, type AuditEvent } from '#shared/domain/audit';
import { ServiceUnavailableError } from '#shared/errors';
import { logger } from '#shared/observability/logger';
import { problemResponse, toHttpError } from '../problem.ts';
import { routeKeyOf } from '../routes.ts';
import { auditNotes, isReplayed, principalOf, type AuditNote } from '../request-state.ts';
import type { HttpMiddleware } from '../types.ts';

type HttpRequest = Parameters<NonNullable<HttpMiddleware['after']>>[0];

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const DENIED = new Set([401, 403, 429]);

/**
 * Writes the request's audit trail before the response leaves: what the handler noted, else one entry
 * for any successful write, and one for every denied request. A failed write fails the request: an
 * action that cannot be audited is not reported as done.
 */
export function auditMiddleware(fn: HttpFunction): HttpMiddleware {
  const auditMiddlewareAfter: HttpMiddleware['after'] = async (request) => {
    const status = request.response?.statusCode ?? 200;
    const notes = [...auditNotes(request.context)];
    if (isReplayed(request.context)) return; // a replay changed nothing: the original was audited
    if (notes.length === 0 && WRITE_METHODS.has(request.event.requestContext.http.method) && status < 400) {
      notes.push({ action: fn.name, resourceType: resourceOf(fn), outcome: 'success' });
    }
    try {
      await write(request, notes, status);
    } catch (error) {
      throw new ServiceUnavailableError('The audit trail is unavailable; the action may have been applied', {
        cause: error,
      });
    }
  };
  const auditMiddlewareOnError: HttpMiddleware['onError'] = async (request) => {
    const status = request.response?.statusCode ?? toHttpError(request.error).status;
    const notes = [...auditNotes(request.context)];
    if (DENIED.has(status) && !notes.some((note) => note.outcome === 'denied')) {
      notes.push({
        action: 'request.denied',
        resourceType: resourceOf(fn),
        outcome: 'denied',
        details: { reason: toHttpError(request.error).type, route: routeKeyOf(fn) },
      });
    }
    try {
      await write(request, notes, status);
    } catch (error) {
      logger.error('audit write failed', { error: error as Error });
      const unavailable = new ServiceUnavailableError('The audit trail is unavailable', { cause: error });
      request.response = problemResponse(unavailable, request.event.rawPath, request.context.awsRequestId);
    }
  };
  return { after: auditMiddlewareAfter, onError: auditMiddlewareOnError };
}

async function write(request: HttpRequest, notes: readonly AuditNote[], status: number): Promise<void> {
  if (notes.length === 0) return;
  const principal = principalOf(request.context);
  const { http } = request.event.requestContext;
  const at = new Date();
  const retentionDays = config().auditRetentionDays;
  const log = auditLog();
  await Promise.all(
    notes.map((note, sequence) => {
      const event: AuditEvent = {
        actor: principal?.username ?? note.actor ?? ANONYMOUS_ACTOR,
        actorKind: principal?.kind ?? note.actorKind ?? 'anonymous',
        action: note.action,
        resourceType: note.resourceType,
        ...(note.resourceId !== undefined && { resourceId: note.resourceId }),
        outcome: note.outcome ?? (status < 400 ? 'success' : 'failure'),
        status,
        ...(note.details && { details: note.details }),
        ip: http.sourceIp,
        userAgent: http.userAgent,
        requestId: request.context.awsRequestId,
      };
      // Denials are what a stranger can produce at will: alike ones share one counted entry per window.
      return event.outcome === 'denied'
        ? log.recordRepeated(repeatedAuditEntry(event, { at, retentionDays }))
        : log.record(newAuditEntry(event, { at, sequence, retentionDays }));
    }),
  );
}

/** The resource of the route's permission; routes open to any caller (tokens, own keys) count as `system`. */
function resourceOf(fn: HttpFunction): string {
  const [resource, action] = fn.permission.split(':');
  return action === undefined || resource === undefined ? 'system' : resource;
}
