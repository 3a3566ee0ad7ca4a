/** Calls per variant in a row before the next variant's turn: long enough to stay warm, short enough to interleave. */
export const MIDDLEWARE_BLOCK = 500;

/** Unrecorded calls per variant before the measured ones: JIT and the lazy adapters settle first. */
export const MIDDLEWARE_WARMUP_INVOCATIONS = 2000;

/** How the bench tells bench/children/middleware-overhead.ts its run size. */
export const MIDDLEWARE_ENV = {
  invocations: 'BENCH_MIDDLEWARE_INVOCATIONS',
  warmup: 'BENCH_MIDDLEWARE_WARMUP',
} as const;
