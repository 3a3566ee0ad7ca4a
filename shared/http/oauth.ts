import { rawBody } from './body.ts';
import { json } from './responses.ts';
import type { HttpEvent, HttpResult } from './types.ts';

/**
 * The wire format of `POST /token`, the OAuth 2.0 password grant (RFC 6749 §4.3). OAuth clients read
 * errors in RFC 6749 §5.2's shape, not as problem documents, so this is the one route whose error
 * answers are built here instead of thrown as an `HttpError`; every other route keeps problem documents.
 */

/** Larger token requests are refused unread: three short parameters fit with room to spare. */
export const TOKEN_REQUEST_MAX_BYTES = 4096;

/** RFC 6749 §5.1: token responses, errors included, must not be cached. */
export const TOKEN_RESPONSE_HEADERS: Readonly<Record<string, string>> = {
  'cache-control': 'no-store',
  pragma: 'no-cache',
};

/** RFC 6749 §5.2's codes this endpoint uses, and `slow_down` (RFC 8628 §3.5, registered for token endpoints). */
export type OAuthErrorCode = 'invalid_request' | 'invalid_grant' | 'unsupported_grant_type' | 'slow_down';

/**
 * An RFC 6749 §5.2 error response. `description` must be ASCII without `"` or `\` (§5.2): pass fixed
 * wording, never the client's input.
 *
 * @example
 * return oauthError(400, 'invalid_grant', 'The username or password is not valid');
 */
export function oauthError(
  status: number,
  code: OAuthErrorCode,
  description: string,
  headers: Readonly<Record<string, string>> = {},
): HttpResult {
  return json(status, { error: code, error_description: description }, { ...TOKEN_RESPONSE_HEADERS, ...headers });
}

/** The credentials of a well-formed password grant request, as sent (not yet checked against any account). */
export interface PasswordGrant {
  readonly username: string;
  readonly password: string;
}

export type PasswordGrantRequest =
  { readonly ok: true; readonly grant: PasswordGrant } | { readonly ok: false; readonly error: HttpResult };

/** RFC 6749 §3.2: these may appear at most once; any other parameter is ignored, as §3.2 requires. */
const GRANT_PARAMETERS = ['grant_type', 'username', 'password', 'scope'] as const;

/**
 * Reads a password grant from a form-encoded body. Anything malformed is an `invalid_request`, another
 * grant type is `unsupported_grant_type`; `scope` is accepted and ignored (roles, not scopes, govern access).
 */
export function readPasswordGrant(event: HttpEvent): PasswordGrantRequest {
  const mediaType = event.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  if (mediaType !== 'application/x-www-form-urlencoded') {
    return refused('invalid_request', 'The body must be application/x-www-form-urlencoded');
  }
  const bytes = rawBody(event);
  if (bytes.length > TOKEN_REQUEST_MAX_BYTES) {
    return refused('invalid_request', `The body must not exceed ${TOKEN_REQUEST_MAX_BYTES} bytes`);
  }
  let form: URLSearchParams;
  try {
    form = new URLSearchParams(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return refused('invalid_request', 'The body is not valid UTF-8');
  }
  const repeated = GRANT_PARAMETERS.find((name) => form.getAll(name).length > 1);
  if (repeated) return refused('invalid_request', `The ${repeated} parameter must not be repeated`);

  // §3.2: a parameter sent without a value is treated as omitted.
  const grantType = form.get('grant_type') || undefined;
  const username = form.get('username') || undefined;
  const password = form.get('password') || undefined;
  if (grantType === undefined) return refused('invalid_request', 'The grant_type parameter is missing');
  if (grantType !== 'password') return refused('unsupported_grant_type', 'Only the password grant is supported');
  if (username === undefined) return refused('invalid_request', 'The username parameter is missing');
  if (password === undefined) return refused('invalid_request', 'The password parameter is missing');
  return { ok: true, grant: { username, password } };
}

function refused(code: OAuthErrorCode, description: string): PasswordGrantRequest {
  return { ok: false, error: oauthError(400, code, description) };
}
