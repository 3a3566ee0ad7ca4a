import middy from '@middy/core';
import httpCors from '@middy/http-cors';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { HttpFunction } from '#shared/function-definitions';
import { config } from '#shared/config';
import { logger } from '#shared/observability/logger';
import { metrics } from '#shared/observability/metrics';
import { cachingMiddleware } from './middleware/caching.ts';
import { compressionMiddlewares } from './middleware/compression.ts';
import { errorHandlerMiddleware } from './middleware/error-handler.ts';
import { performanceMiddleware } from './middleware/performance.ts';
import { requestLogMiddleware } from './middleware/request-log.ts';
import { requestStartMiddleware } from './middleware/request-start.ts';
import type { Context, HttpEvent, HttpMiddleware, HttpResult } from './types.ts';

export type HttpHandler = (event: HttpEvent, context: Context) => Promise<HttpResult>;

/**
 * The middlewares that reach the identity, rate-limit and audit stores. They come from the caller, so a function
 * that reaches none of those stores does not bundle their adapters (see `open-http-function.ts`).
 */
export interface StackGuards {
  /** Authentication, the per-caller rate limit and the role check. */
  readonly security?: HttpMiddleware;
  /** The audit trail, written before the response leaves. */
  readonly audit?: HttpMiddleware;
}

/**
 * The one middleware stack of every HTTP function, in the seed's order (security → metrics → performance →
 * CORS → compression), inside observability, then the audit trail and the one error handler. A handler only
 * parses its input, calls one service and shapes the response.
 *
 * middy runs `before` hooks in this order and `after`/`onError` hooks in reverse: the error handler turns a
 * failure into a problem document first, the audit trail is written next, then the response is dressed.
 */
export function httpStack(fn: HttpFunction, handler: HttpHandler, guards: StackGuards) {
  const settings = config();
  return (
    middy<HttpEvent, HttpResult>()
      // First, so every outcome (a 401 from security too) is timed from one start.
      .use(requestStartMiddleware(fn))
      .use(httpHeaderNormalizer() as HttpMiddleware)
      // Never log the event: its headers and bodies carry tokens, keys and passwords.
      .use(injectLambdaContext(logger, { logEvent: false }) as HttpMiddleware)
      .use(logMetrics(metrics, { captureColdStartMetric: true }) as HttpMiddleware)
      .use(guards.security ? [guards.security] : [])
      .use(requestLogMiddleware(fn))
      .use(performanceMiddleware())
      .use(
        httpCors({
          origins: [...settings.corsOrigins],
          credentials: false,
          // A preflight is answered here, before the handler (and before any other `before` hook after this one).
          disableBeforePreflightResponse: false,
          methods: 'GET,POST,PATCH,DELETE',
          headers: 'authorization,content-type,x-api-key,if-match,if-none-match,idempotency-key',
          exposeHeaders: 'etag,location,retry-after,x-process-time,x-server,idempotent-replayed',
          maxAge: 600,
        }) as HttpMiddleware,
      )
      .use(compressionMiddlewares())
      // After-hooks run in reverse: ETag and 304 are decided on the plain body, before compression.
      .use(cachingMiddleware(fn))
      .use(guards.audit ? [guards.audit] : [])
      .use(errorHandlerMiddleware())
      .handler(handler)
  );
}
