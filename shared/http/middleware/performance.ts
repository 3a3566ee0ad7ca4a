import { requestElapsedMs } from '../request-state.ts';
import type { HttpMiddleware } from '../types.ts';

export const SERVER_HEADER = 'Yggdrasil/2.0.0';

/**
 * `X-Process-Time` (seconds, as the seed's middleware sent it) and `X-Server` on every response, refused ones
 * included: the time runs from the request's one start (`requestStartMiddleware`), not from this hook.
 */
export function performanceMiddleware(): HttpMiddleware {
  const performanceMiddlewareAfter: HttpMiddleware['after'] = (request) => {
    const response = request.response;
    if (!response) return;
    const seconds = requestElapsedMs(request.context) / 1000;
    response.headers = { ...response.headers, 'x-process-time': seconds.toFixed(6), 'x-server': SERVER_HEADER };
  };
  return { after: performanceMiddlewareAfter, onError: performanceMiddlewareAfter };
}
