import type { HttpFunction } from '#shared/function-definitions';
import { logger } from '#shared/observability/logger';
import { routeKeyOf } from '../routes.ts';
import { markRequestStart } from '../request-state.ts';
import type { HttpMiddleware } from '../types.ts';

/**
 * The stack's first hook: the one start every duration of the request is measured from, and the log keys of
 * the request. It runs before security, so a request refused with 401, 403 or 429 is timed and logged like
 * any other.
 */
export function requestStartMiddleware(fn: HttpFunction): HttpMiddleware {
  const route = routeKeyOf(fn);
  const requestStartMiddlewareBefore: HttpMiddleware['before'] = (request) => {
    markRequestStart(request.context);
    logger.appendKeys({ requestId: request.context.awsRequestId, route });
  };
  return { before: requestStartMiddlewareBefore };
}
