import type { HttpFunction } from '#shared/function-definitions';
import { logger } from '#shared/observability/logger';
import { METRIC, metrics, MetricUnit } from '#shared/observability/metrics';
import { requestElapsedMs } from '../request-state.ts';
import { routeKeyOf } from '../routes.ts';
import type { HttpMiddleware } from '../types.ts';

/**
 * One structured log line and the request metrics for every request, whatever its outcome; the duration runs
 * from the request's one start (`requestStartMiddleware`), which also set the log keys removed here.
 */
export function requestLogMiddleware(fn: HttpFunction): HttpMiddleware {
  const route = routeKeyOf(fn);
  const requestLogMiddlewareAfter: HttpMiddleware['after'] = (request) => {
    const durationMs = requestElapsedMs(request.context);
    const status = request.response?.statusCode ?? 500;
    metrics.addDimension('route', route);
    metrics.addMetric(METRIC.apiRequests, MetricUnit.Count, 1);
    metrics.addMetric(METRIC.apiRequestDuration, MetricUnit.Milliseconds, durationMs);
    metrics.addMetric(METRIC.apiClientErrors, MetricUnit.Count, status >= 400 && status < 500 ? 1 : 0);
    metrics.addMetric(METRIC.apiServerErrors, MetricUnit.Count, status >= 500 ? 1 : 0);
    logger.info('request', {
      method: request.event.requestContext.http.method,
      path: request.event.rawPath,
      status,
      durationMs: Math.round(durationMs * 1000) / 1000,
      sourceIp: request.event.requestContext.http.sourceIp,
    });
    logger.removeKeys(['requestId', 'route']);
  };
  return { after: requestLogMiddlewareAfter, onError: requestLogMiddlewareAfter };
}
