import type { HttpFunction } from '#shared/function-definitions';
import { httpStack, type HttpHandler } from './http-stack.ts';

/**
 * The same stack as `httpFunction` for a public route that touches no store (`uses: {}`): it has no caller to
 * authenticate and nothing it could audit (no write, no denial), so it leaves out the security and audit
 * middlewares, and with them the identity, rate-limit and audit adapters and the AWS SDK, from its bundle.
 */
export function openHttpFunction(fn: HttpFunction, handler: HttpHandler) {
  if (fn.permission !== 'public' || Object.values(fn.uses).some((used) => used !== undefined && used !== false)) {
    throw new Error(`${fn.name} is not a public route that touches no store: use httpFunction`);
  }
  return httpStack(fn, handler, {});
}
