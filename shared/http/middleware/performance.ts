import type { HttpMiddleware } from '../types.ts';

export const SERVER_HEADER = 'Yggdrasil/2.0.0';

/** `X-Process-Time` (seconds, as the seed's middleware sent it) and `X-Server` on every response. */
export function performanceMiddleware(): HttpMiddleware {
  const startedAt = new WeakMap<object, number>();
  const performanceMiddlewareBefore: HttpMiddleware['before'] = (request) => {
    startedAt.set(request, performance.now());
  };
  const performanceMiddlewareAfter: HttpMiddleware['after'] = (request) => {
    const response = request.response;
    if (!response) return;
    const seconds = (performance.now() - (startedAt.get(request) ?? performance.now())) / 1000;
    response.headers = { ...response.headers, 'x-process-time': seconds.toFixed(6), 'x-server': SERVER_HEADER };
  };
  return {
    before: performanceMiddlewareBefore,
    after: performanceMiddlewareAfter,
    onError: performanceMiddlewareAfter,
  };
}
