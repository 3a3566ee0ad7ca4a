import type { BenchSettings } from './results.ts';

/** Run sizes, from the environment, with defaults that keep a full run within about five minutes on two cores. */
export function benchSettings(env: NodeJS.ProcessEnv): BenchSettings {
  return {
    coldRuns: positiveInt(env, 'BENCH_COLD_RUNS', 10),
    warmRequests: positiveInt(env, 'BENCH_WARM_REQUESTS', 2000),
    warmupRequests: positiveInt(env, 'BENCH_WARMUP_REQUESTS', 200),
    middlewareInvocations: positiveInt(env, 'BENCH_MIDDLEWARE_INVOCATIONS', 20_000),
    conceptReads: positiveInt(env, 'BENCH_CONCEPT_READS', 500),
  };
}

export function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got '${raw}'`);
  return value;
}
