import type { HttpFunction } from '#shared/function-definitions';
import { authenticate, type Principal } from '#shared/auth/authenticate';
import { config } from '#shared/config';
import { authenticationDeps } from '#shared/container/identity';
import { rateLimiter } from '#shared/container/rate-limits';
import { can } from '#shared/domain/roles';
import { ForbiddenError, TooManyRequestsError, UnauthorizedError } from '#shared/errors';
import { setPrincipal } from '../request-state.ts';
import type { HttpEvent, HttpMiddleware } from '../types.ts';

/**
 * Authentication, the rate limits and the role check of the route's manifest permission. Public routes skip
 * all three; every other route needs a bearer token or an API key.
 *
 * A request without valid credentials counts against its source address: past that limit it is answered
 * 429, so a stranger's flood is cut off cheaply (and audited in aggregate, see the audit middleware). An
 * authenticated request counts against its account, whichever token or API key it came with: the limit
 * belongs to the user, so more keys do not buy more requests.
 */
export function securityMiddleware(fn: HttpFunction): HttpMiddleware {
  const permission = fn.permission;
  const securityMiddlewareBefore: HttpMiddleware['before'] = async (request) => {
    if (permission === 'public') return;
    const principal = await authenticateOrCountAnonymous(request.event);
    setPrincipal(request.context, principal);
    const decision = await rateLimiter().consume(`user:${principal.username}`, config().rateLimits.principal);
    if (!decision.allowed) throw new TooManyRequestsError(decision.retryAfterSeconds, 'Request limit reached');
    if (!can(principal.role, permission)) {
      throw new ForbiddenError(`The ${principal.role} role does not have the ${permission} permission`);
    }
  };
  return { before: securityMiddlewareBefore };
}

async function authenticateOrCountAnonymous(event: HttpEvent): Promise<Principal> {
  let principal: Principal | undefined;
  try {
    principal = await authenticate(event.headers, authenticationDeps());
  } catch (error) {
    if (error instanceof UnauthorizedError) await countAnonymous(event);
    throw error;
  }
  if (principal) return principal;
  await countAnonymous(event);
  throw new UnauthorizedError('This route needs a bearer token (Authorization) or an API key (X-API-Key)');
}

/** Throws a 429 once the source address has sent too many requests without valid credentials. */
async function countAnonymous(event: HttpEvent): Promise<void> {
  const decision = await rateLimiter().consume(
    `anonymous-ip:${event.requestContext.http.sourceIp}`,
    config().rateLimits.anonymousPerIp,
  );
  if (!decision.allowed) {
    throw new TooManyRequestsError(decision.retryAfterSeconds, 'Too many requests without valid credentials');
  }
}
