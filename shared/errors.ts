/**
 * The one error model. The domain, the services and the adapters throw `DomainError`s, which say what rule
 * refused the work and know nothing of HTTP; the HTTP edge (`shared/http/problem.ts`) maps each kind to a
 * status and renders it, like every `HttpError` (what only HTTP can refuse: a body, a method, credentials,
 * a rate), as an RFC 9457 problem document. `expose` is false for 5xx: their detail never leaves the process.
 */
export interface FieldError {
  /** JSON pointer-like path to the offending field, e.g. `documents.3.text`. */
  readonly field: string;
  readonly message: string;
}

export class HttpError extends Error {
  override name = 'HttpError';
  readonly expose: boolean;
  constructor(
    readonly status: number,
    /** Short, stable problem type slug; becomes `/problems/<type>`. */
    readonly type: string,
    readonly title: string,
    detail: string,
    readonly extra: { readonly errors?: readonly FieldError[]; readonly headers?: Record<string, string> } = {},
    options?: ErrorOptions,
  ) {
    super(detail, options);
    this.expose = status < 500;
  }
}

export class MalformedBodyError extends HttpError {
  override name = 'MalformedBodyError';
  constructor(detail: string) {
    super(400, 'malformed-body', 'The request body could not be parsed', detail);
  }
}

export class UnsupportedMediaTypeError extends HttpError {
  override name = 'UnsupportedMediaTypeError';
  constructor(expected: string, got: string | undefined) {
    super(
      415,
      'unsupported-media-type',
      'Unsupported media type',
      `Expected Content-Type ${expected}, got ${got ? `'${got}'` : 'none'}`,
    );
  }
}

export class PayloadTooLargeError extends HttpError {
  override name = 'PayloadTooLargeError';
  constructor(limitBytes: number, actualBytes: number) {
    super(
      413,
      'payload-too-large',
      'Request body too large',
      `The body is ${actualBytes} bytes; the limit is ${limitBytes} bytes`,
    );
  }
}

export class MethodNotAllowedError extends HttpError {
  override name = 'MethodNotAllowedError';
  constructor(method: string, path: string, allowed: readonly string[]) {
    super(405, 'method-not-allowed', 'Method not allowed', `${method} is not allowed on ${path}`, {
      headers: { allow: allowed.join(', ') },
    });
  }
}

export class ServiceUnavailableError extends HttpError {
  override name = 'ServiceUnavailableError';
  constructor(detail: string, options?: ErrorOptions) {
    super(503, 'service-unavailable', 'Service unavailable', detail, { headers: { 'retry-after': '5' } }, options);
  }
}

/**
 * A dependency (graph, queue, table) failed; the cause is logged, never shown. `transient` failures (an
 * outage, a timeout) are worth retrying later; the others (a rejected query) are not.
 */
export class DependencyError extends Error {
  override name = 'DependencyError';
  readonly transient: boolean;
  constructor(
    readonly dependency: string,
    message: string,
    options?: ErrorOptions & { transient?: boolean },
  ) {
    super(`${dependency}: ${message}`, options);
    this.transient = options?.transient ?? true;
  }
}

export class UnauthorizedError extends HttpError {
  override name = 'UnauthorizedError';
  /** `challenge` becomes the `WWW-Authenticate` header (RFC 6750 for bearer tokens). */
  constructor(detail: string, challenge = 'Bearer realm="yggdrasil"') {
    super(401, 'unauthorized', 'Authentication required', detail, { headers: { 'www-authenticate': challenge } });
  }
}

export class TooManyRequestsError extends HttpError {
  override name = 'TooManyRequestsError';
  constructor(retryAfterSeconds: number, detail = 'Too many requests') {
    const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
    super(429, 'too-many-requests', 'Too many requests', `${detail}; retry after ${seconds} s`, {
      headers: { 'retry-after': String(seconds) },
    });
  }
}

/** What a domain error says went wrong; the HTTP edge answers each kind with one status. */
export type DomainErrorKind = 'invalid' | 'not-found' | 'conflict' | 'stale' | 'forbidden';

/** A rule of the domain refused the work. Its message is meant for the caller. */
export abstract class DomainError extends Error {
  abstract readonly kind: DomainErrorKind;
  constructor(
    detail: string,
    /** The fields at fault, when the input is. */
    readonly errors: readonly FieldError[] = [],
    options?: ErrorOptions,
  ) {
    super(detail, options);
  }
}

/** The input breaks a rule (a field out of range, a cursor from another query). */
export class ValidationError extends DomainError {
  override name = 'ValidationError';
  readonly kind = 'invalid';
}

export class NotFoundError extends DomainError {
  override name = 'NotFoundError';
  readonly kind = 'not-found';
}

/** The work contradicts the stored state (a duplicate, a link that holds a record, a limit reached). */
export class ConflictError extends DomainError {
  override name = 'ConflictError';
  readonly kind = 'conflict';
}

/** The caller's precondition (the version `If-Match` named) no longer holds. */
export class PreconditionFailedError extends DomainError {
  override name = 'PreconditionFailedError';
  readonly kind = 'stale';
  constructor(detail: string, options?: ErrorOptions) {
    super(detail, [], options);
  }
}

/** The caller is known but may not do this. */
export class ForbiddenError extends DomainError {
  override name = 'ForbiddenError';
  readonly kind = 'forbidden';
}

/** A request with the same `Idempotency-Key` is still being served (IETF draft-ietf-httpapi-idempotency-key-header). */
export class IdempotencyInProgressError extends HttpError {
  override name = 'IdempotencyInProgressError';
  constructor() {
    super(
      409,
      'idempotency-in-progress',
      'A request with this Idempotency-Key is in progress',
      'The first request with this Idempotency-Key has not finished; retry it shortly to get its response',
      { headers: { 'retry-after': '1' } },
    );
  }
}

/** The `Idempotency-Key` was used before for a different request (another body or route). */
export class IdempotencyKeyReusedError extends HttpError {
  override name = 'IdempotencyKeyReusedError';
  constructor() {
    super(
      422,
      'idempotency-key-reused',
      'This Idempotency-Key belongs to another request',
      'The Idempotency-Key was used with a different request body or route; use a new key for a new request',
    );
  }
}
