import { httpFunctions, taskFunctionFor } from '#functions/manifest';
import { healthChecksFor } from '#shared/container/health';
import { json } from '#shared/http/responses';
import { httpFunction } from '#shared/http/http-function';
import { checkHealth } from '#shared/services/health';

const fn = httpFunctions.health;

/** GET /health: each dependency's status and check latency; 503 naming the ones that are down (degraded is 200). */
export const handler = httpFunction(fn, async () => {
  const report = await checkHealth(healthChecksFor(fn, taskFunctionFor));
  return json(report.status === 'unhealthy' ? 503 : 200, report, { 'cache-control': 'no-store' });
});
