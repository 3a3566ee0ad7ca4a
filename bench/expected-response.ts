import type { ColdStartReport } from './cold-start-protocol.ts';
import type { SubjectKind } from './results.ts';

/** Statuses that say the credentials were refused (or throttled): the request never reached the route. */
export const REFUSED_CREDENTIALS: ReadonlySet<number> = new Set([401, 403, 429]);

/**
 * Statuses that say the sample itself was refused (no body, wrong media type, invalid input): the request
 * stopped at validation, so the run measured only import and parsing.
 */
export const REFUSED_SAMPLE: ReadonlySet<number> = new Set([400, 413, 415, 422]);

/**
 * Whether a cold start's first response is one the function should give its sample event. A 4xx is an answer
 * the route gives its sample (e.g. 404 for an unknown task id), except a refusal of the sample or of the
 * credentials of a route that needs them; a 5xx, no status, or a failed record never is.
 *
 * @example
 * isExpectedResponse({ kind: 'http', requiresCredentials: true }, { statusCode: 401 }); // false
 */
export function isExpectedResponse(
  subject: { readonly kind: SubjectKind; readonly requiresCredentials: boolean },
  response: Pick<Extract<ColdStartReport, { ok: true }>, 'statusCode' | 'failedRecords'>,
): boolean {
  if (subject.kind === 'task') return response.failedRecords === 0;
  const status = response.statusCode;
  if (status === undefined || status >= 500 || REFUSED_SAMPLE.has(status)) return false;
  return !(subject.requiresCredentials && REFUSED_CREDENTIALS.has(status));
}
