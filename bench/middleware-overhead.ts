import path from 'node:path';
import { BENCH_PRINCIPAL_RATE_LIMIT } from './bench-admin.ts';
import { runChildForMessage } from './child-message.ts';
import { LAMBDA_POWERTOOLS_ENV } from './lambda-bundling.ts';
import { MIDDLEWARE_ENV, MIDDLEWARE_WARMUP_INVOCATIONS } from './middleware-protocol.ts';
import type { MiddlewareMeasurement, MiddlewareRow, MiddlewareSection } from './results.ts';

const CHILD_TIMEOUT_MS = 10 * 60_000;

/**
 * Runs bench/children/middleware-overhead.ts in its own process: in-memory embedded stores, metrics on, and
 * stdout (the log lines and EMF) on the null device. A child that fails is reported in `unavailable`.
 */
export async function measureMiddlewareOverhead(projectRoot: string, invocations: number): Promise<MiddlewareSection> {
  const warmupInvocations = MIDDLEWARE_WARMUP_INVOCATIONS;
  try {
    const message = await runChildForMessage(
      path.join(projectRoot, 'bench', 'children', 'middleware-overhead.ts'),
      {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        TZ: ':UTC',
        ...LAMBDA_POWERTOOLS_ENV,
        // On, as in Lambda: the stack's metrics are part of what it costs.
        POWERTOOLS_METRICS_DISABLED: 'false',
        YGG_IN_MEMORY: 'true',
        RATE_LIMIT_PRINCIPAL: BENCH_PRINCIPAL_RATE_LIMIT,
        [MIDDLEWARE_ENV.invocations]: String(invocations),
        [MIDDLEWARE_ENV.warmup]: String(warmupInvocations),
      },
      projectRoot,
      CHILD_TIMEOUT_MS,
    );
    const { measurements } = message as { measurements: MiddlewareMeasurement[] };
    return { warmupInvocations, rows: withAddedLatency(measurements) };
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n').slice(0, 3).join(' ') : String(error);
    return { unavailable: reason, warmupInvocations, rows: [] };
  }
}

/**
 * Each measurement with what it adds over the bare handler at each percentile (wrapped p99 − bare p99, …).
 *
 * @example
 * withAddedLatency([bare, publicRoute])[1].addedP99Ms; // publicRoute.p99Ms − bare.p99Ms
 */
export function withAddedLatency(measurements: readonly MiddlewareMeasurement[]): MiddlewareRow[] {
  const bare = measurements.find((measurement) => measurement.stack === 'bare');
  if (!bare) throw new Error('the middleware overhead needs a bare handler measurement');
  return measurements.map((measurement) => ({
    ...measurement,
    addedP50Ms: measurement.p50Ms - bare.p50Ms,
    addedP95Ms: measurement.p95Ms - bare.p95Ms,
    addedP99Ms: measurement.p99Ms - bare.p99Ms,
  }));
}
