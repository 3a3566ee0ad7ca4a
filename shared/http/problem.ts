import { HttpError } from '#shared/errors';
import type { HttpResult } from './types.ts';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/**
 * An RFC 9457 problem document. A 5xx never carries the error's own message: only a generic detail and
 * the request id to quote to an operator.
 */
export function problemResponse(error: HttpError, instance: string, requestId: string): HttpResult {
  const detail = error.expose
    ? error.message
    : 'The server could not complete the request. Quote the requestId when you report it.';
  return {
    statusCode: error.status,
    headers: { 'content-type': PROBLEM_CONTENT_TYPE, 'cache-control': 'no-store', ...error.extra.headers },
    body: JSON.stringify({
      type: `/problems/${error.type}`,
      title: error.title,
      status: error.status,
      detail,
      instance,
      requestId,
      ...(error.expose && error.extra.errors?.length ? { errors: error.extra.errors } : {}),
    }),
  };
}

/** Any thrown value as the error the caller may see: unknown errors become an opaque 500. */
export function toHttpError(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  // middy ends a handler just before the function timeout, as API Gateway would answer a timed-out Lambda.
  if (error instanceof Error && error.name === 'TimeoutError') {
    return new HttpError(504, 'timeout', 'Gateway timeout', 'The request took too long', {}, { cause: error });
  }
  return new HttpError(500, 'internal-error', 'Internal server error', 'Unexpected error', {}, { cause: error });
}
