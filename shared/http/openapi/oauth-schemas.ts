import * as z from 'zod/mini';
import type { OAuthErrorCode } from '#shared/http/oauth';

/**
 * `POST /token`'s form, as `readPasswordGrant` reads it by hand (RFC 6749 §4.3): the route parses no JSON
 * and has no zod schema of its own, so this one only describes the form; the handler's tests hold it true.
 */
export const passwordGrantFormSchema = z
  .object({
    grant_type: z.literal('password'),
    username: z.string().check(z.minLength(1)),
    password: z.string().check(z.minLength(1)),
    scope: z
      .optional(z.string())
      .register(z.globalRegistry, { description: 'Accepted and ignored: roles, not scopes, govern access' }),
  })
  .register(z.globalRegistry, { description: 'An OAuth 2.0 password grant (RFC 6749 section 4.3)' });

const OAUTH_ERROR_CODES = [
  'invalid_request',
  'invalid_grant',
  'unsupported_grant_type',
  'slow_down',
] as const satisfies readonly OAuthErrorCode[];

/** RFC 6749 §5.2: the error body of the token endpoint, which OAuth2 clients read. */
export const oauthErrorSchema = z
  .object({ error: z.enum(OAUTH_ERROR_CODES), error_description: z.optional(z.string()) })
  .register(z.globalRegistry, { description: 'An OAuth 2.0 error response (RFC 6749 section 5.2)' });
