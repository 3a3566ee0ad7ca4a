import type { HttpFunction } from '#shared/function-definitions';
import { httpStack, type HttpHandler } from './http-stack.ts';
import { auditMiddleware } from './middleware/audit.ts';
import { securityMiddleware } from './middleware/security.ts';

export type { HttpHandler } from './http-stack.ts';

/**
 * The one middleware stack of every HTTP function (`http-stack.ts`), with security first and the audit trail
 * last. A handler only parses its input, calls one service and shapes the response. Creating routes marked
 * `idempotent` in the manifest use `idempotentHttpFunction`, the same stack honouring `Idempotency-Key`, so
 * that no other function bundles the idempotency library.
 */
export function httpFunction(fn: HttpFunction, handler: HttpHandler) {
  if (fn.idempotent) throw new Error(`${fn.name} is idempotent in the manifest: use idempotentHttpFunction`);
  return guardedStack(fn, handler);
}

/** The stack with the security and audit middlewares, around any handler. */
export function guardedStack(fn: HttpFunction, handler: HttpHandler) {
  return httpStack(fn, handler, { security: securityMiddleware(fn), audit: auditMiddleware(fn) });
}
