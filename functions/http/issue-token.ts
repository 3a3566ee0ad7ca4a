import { httpFunctions } from '#functions/manifest';
import { config } from '#shared/config';
import { signingKeys, userStore } from '#shared/container/identity';
import { passwordHasher } from '#shared/container/passwords';
import { rateLimiter } from '#shared/container/rate-limits';
import { httpFunction } from '#shared/http/http-function';
import { oauthError, readPasswordGrant, TOKEN_RESPONSE_HEADERS } from '#shared/http/oauth';
import { audit } from '#shared/http/request-state';
import { json } from '#shared/http/responses';
import { logIn } from '#shared/services/login';

/**
 * POST /token: the OAuth 2.0 password grant (RFC 6749 §4.3). Its errors are OAuth error bodies (§5.2),
 * not problem documents: see `shared/http/oauth.ts`.
 */
export const handler = httpFunction(httpFunctions.issueToken, async (event, context) => {
  const request = readPasswordGrant(event);
  if (!request.ok) return request.error;
  const { username, password } = request.grant;
  const settings = config();
  const outcome = await logIn(
    { username, password, clientIp: event.requestContext.http.sourceIp },
    {
      users: userStore(),
      passwords: passwordHasher(),
      limiter: rateLimiter(),
      limits: {
        perClientIp: settings.rateLimits.tokenPerIp,
        perAccountAndIp: settings.rateLimits.tokenPerUserAndIp,
        perAccount: settings.rateLimits.tokenPerUser,
      },
      signingKeys,
      tokens: settings.tokens,
    },
    new Date(),
  );

  switch (outcome.kind) {
    case 'throttled':
      audit(context, {
        action: 'request.denied',
        resourceType: 'token',
        outcome: 'denied',
        ...(outcome.account && { actor: outcome.account }),
        details: { reason: 'too-many-requests', limit: outcome.limit },
      });
      return oauthError(429, 'slow_down', `Too many login attempts; retry after ${outcome.retryAfterSeconds} s`, {
        'retry-after': String(outcome.retryAfterSeconds),
      });
    case 'refused':
      audit(context, {
        action: 'login.failure',
        resourceType: 'token',
        outcome: 'failure',
        ...(outcome.account && { actor: outcome.account }),
      });
      return oauthError(400, 'invalid_grant', 'The username or password is not valid');
    case 'issued':
      audit(context, {
        action: 'login.success',
        resourceType: 'token',
        outcome: 'success',
        actor: outcome.username,
        actorKind: 'user',
        details: { role: outcome.role },
      });
      return json(
        200,
        { access_token: outcome.accessToken, token_type: 'Bearer', expires_in: outcome.expiresInSeconds },
        TOKEN_RESPONSE_HEADERS,
      );
  }
});
