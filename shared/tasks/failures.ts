import { isServerError, isThrottlingError, isTransientError } from '@smithy/service-error-classification';
import { DependencyError, DomainError, HttpError } from '#shared/errors';

/** A message that can never succeed: its body is not what the task expects. It goes to the dead letters at once. */
export class MalformedMessageError extends Error {
  override name = 'MalformedMessageError';
}

/**
 * What to do about an error, as Celery's `autoretry_for` decides: `retry` later with backoff (an outage,
 * throttling, a timeout, or an error nobody classified), or `dead-letter` at once, without burning retries
 * (a bad message, a validation failure, a dependency refusing the request itself).
 */
export type FailureKind = 'retry' | 'dead-letter';

export function classifyFailure(error: unknown): FailureKind {
  if (error instanceof MalformedMessageError) return 'dead-letter';
  if (error instanceof DependencyError) return error.transient ? 'retry' : 'dead-letter';
  // A domain error (invalid, not found, conflict, ...) or a 4xx is a refusal of what was asked; asking again
  // gives the same answer.
  if (error instanceof DomainError) return 'dead-letter';
  if (error instanceof HttpError) return error.status >= 500 ? 'retry' : 'dead-letter';
  return 'retry';
}

/** Whether an error is an outage or a throttle that says nothing about the item (worth retrying the item). */
export function isTransient(error: unknown): boolean {
  if (error instanceof DependencyError) return error.transient;
  if (!(error instanceof Error)) return false;
  const sdkError = error as Parameters<typeof isTransientError>[0];
  if (sdkError.$metadata === undefined && sdkError.$retryable === undefined) {
    return NETWORK_ERROR_CODES.has(String((error as { code?: unknown }).code)) || error.name === 'TimeoutError';
  }
  return isThrottlingError(sdkError) || isTransientError(sdkError) || isServerError(sdkError);
}

const NETWORK_ERROR_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ServiceUnavailable',
  'SessionExpired',
]);

/** The error's message for a record or a dead letter: one line, no stack, bounded. */
export function describeFailure(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return (text.split('\n')[0] ?? text).slice(0, 500);
}
