import type { HttpFunction } from '#shared/function-definitions';
import { guardedStack, type HttpHandler } from './http-function.ts';
import { idempotentHandler } from './idempotency.ts';

/** `httpFunction` for a creating route marked `idempotent` in the manifest: it honours `Idempotency-Key`. */
export function idempotentHttpFunction(fn: HttpFunction, handler: HttpHandler) {
  if (!fn.idempotent) throw new Error(`${fn.name} is not idempotent in the manifest: use httpFunction`);
  return guardedStack(fn, idempotentHandler(fn, handler));
}
