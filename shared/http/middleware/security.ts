import type { HttpFunction } from '#shared/function-definitions';
import { authenticate } from '#shared/auth/authenticate';
import { config } from '#shared/config';
import { authenticationDeps } from '#shared/container/identity';
import { rateLimiter } from '#shared/container/rate-limits';
import { can } from '#shared/domain/roles';
import { ForbiddenError, TooManyRequestsError, UnauthorizedError } from '#shared/errors';
import { setPrincipal } from '../request-state.ts';
import type { HttpMiddleware } from '../types.ts';

/**
 * Authentication, the per-principal rate limit and the role check of the route's manifest permission.
 * Public routes skip all three; every other route needs a bearer token or an API key.
 */
export function securityMiddleware(fn: HttpFunction): HttpMiddleware {
  const permission = fn.permission;
  const securityMiddlewareBefore: HttpMiddleware['before'] = async (request) => {
    if (permission === 'public') return;
    const principal = await authenticate(request.event.headers, authenticationDeps());
    if (!principal)
      throw new UnauthorizedError('This route needs a bearer token (Authorization) or an API key (X-API-Key)');
    setPrincipal(request.context, principal);
    const decision = await rateLimiter().consume(
      principal.kind === 'api-key' ? `api-key:${principal.keyId ?? ''}` : `user:${principal.username}`,
      config().rateLimits.principal,
    );
    if (!decision.allowed) throw new TooManyRequestsError(decision.retryAfterSeconds, 'Request limit reached');
    if (!can(principal.role, permission)) {
      throw new ForbiddenError(`The ${principal.role} role does not have the ${permission} permission`);
    }
  };
  return { before: securityMiddlewareBefore };
}
