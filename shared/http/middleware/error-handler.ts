import { logger } from '#shared/observability/logger';
import { problemResponse, toHttpError } from '../problem.ts';
import type { HttpMiddleware } from '../types.ts';

/** Turns any error into a problem document; 5xx are logged with their cause, 4xx are the caller's. */
export function errorHandlerMiddleware(): HttpMiddleware {
  const errorHandlerMiddlewareOnError: HttpMiddleware['onError'] = (request) => {
    if (request.response !== undefined && request.response !== null) return;
    const error = toHttpError(request.error);
    if (error.status >= 500) logger.error('Request failed', { error: request.error ?? undefined });
    request.response = problemResponse(error, request.event.rawPath, request.context.awsRequestId);
  };
  return { onError: errorHandlerMiddlewareOnError };
}
