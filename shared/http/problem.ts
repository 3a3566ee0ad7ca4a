import { DomainError, HttpError, type DomainErrorKind } from '#shared/errors';
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

/** The status, problem type and title each kind of domain error is answered with. */
const DOMAIN_PROBLEMS: Readonly<Record<DomainErrorKind, { status: number; type: string; title: string }>> = {
  invalid: { status: 400, type: 'validation-error', title: 'Your request is not valid' },
  forbidden: { status: 403, type: 'forbidden', title: 'Permission denied' },
  'not-found': { status: 404, type: 'not-found', title: 'Not found' },
  conflict: { status: 409, type: 'conflict', title: 'Conflict' },
  stale: { status: 412, type: 'precondition-failed', title: 'Precondition failed' },
};

/**
 * Any thrown value as the error the caller may see: a domain error becomes its kind's problem, unknown
 * errors an opaque 500.
 */
export function toHttpError(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  if (error instanceof DomainError) {
    const { status, type, title } = DOMAIN_PROBLEMS[error.kind];
    return new HttpError(status, type, title, error.message, { errors: error.errors }, { cause: error });
  }
  // middy ends a handler just before the function timeout, as API Gateway would answer a timed-out Lambda.
  if (error instanceof Error && error.name === 'TimeoutError') {
    return new HttpError(504, 'timeout', 'Gateway timeout', 'The request took too long', {}, { cause: error });
  }
  return new HttpError(500, 'internal-error', 'Internal server error', 'Unexpected error', {}, { cause: error });
}
