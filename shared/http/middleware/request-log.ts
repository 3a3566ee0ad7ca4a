import type { HttpFunction } from '#shared/function-definitions';
import { logger } from '#shared/observability/logger';
import { METRIC, metrics, MetricUnit } from '#shared/observability/metrics';
import type { HttpMiddleware } from '../types.ts';

/** One structured log line and the request metrics for every request, whatever its outcome. */
export function requestLogMiddleware(fn: HttpFunction): HttpMiddleware {
  const startedAt = new WeakMap<object, number>();
  const route = fn.route === '$default' ? '$default' : `${fn.route.method} ${fn.route.path}`;
  const requestLogMiddlewareBefore: HttpMiddleware['before'] = (request) => {
    startedAt.set(request, performance.now());
    logger.appendKeys({ requestId: request.context.awsRequestId, route });
  };
  const requestLogMiddlewareAfter: HttpMiddleware['after'] = (request) => {
    const durationMs = performance.now() - (startedAt.get(request) ?? performance.now());
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
  return { before: requestLogMiddlewareBefore, after: requestLogMiddlewareAfter, onError: requestLogMiddlewareAfter };
}
