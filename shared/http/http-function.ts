import type { HttpFunction } from '#shared/function-definitions';
import { httpStack, type HttpHandler } from './http-stack.ts';
import { idempotentHandler } from './idempotency.ts';
import { auditMiddleware } from './middleware/audit.ts';
import { securityMiddleware } from './middleware/security.ts';

export type { HttpHandler } from './http-stack.ts';

/**
 * The one middleware stack of every HTTP function (`http-stack.ts`), with security first and the audit trail
 * last; creating routes marked `idempotent` in the manifest also honour `Idempotency-Key`. A handler only
 * parses its input, calls one service and shapes the response.
 */
export function httpFunction(fn: HttpFunction, handler: HttpHandler) {
  return httpStack(fn, fn.idempotent ? idempotentHandler(fn, handler) : handler, {
    security: securityMiddleware(fn),
    audit: auditMiddleware(fn),
  });
}
