import type { HealthCheck } from '#shared/ports/health';

export interface ComponentHealth {
  readonly status: 'up' | 'degraded' | 'down';
  readonly adapter: string;
  readonly latencyMs: number;
  readonly error?: string;
  /** Why a component that is up is degraded. */
  readonly warning?: string;
}

export interface HealthReport {
  /** `degraded`: everything answers, but something needs an operator (e.g. dead letters waiting). */
  readonly status: 'healthy' | 'degraded' | 'unhealthy';
  readonly version: string;
  readonly components: Record<string, ComponentHealth>;
  /** Names of the components that are down. */
  readonly down: readonly string[];
}

export const VERSION = '2.0.0';

/** Asks every dependency at once, each within `timeoutMs`; one slow dependency cannot hold up the answer. */
export async function checkHealth(checks: readonly HealthCheck[], timeoutMs = 2_000): Promise<HealthReport> {
  const results = await Promise.all(
    checks.map(async (check) => [check.component, await probe(check, timeoutMs)] as const),
  );
  const components = Object.fromEntries(results);
  const down = results.filter(([, health]) => health.status === 'down').map(([name]) => name);
  const degraded = results.some(([, health]) => health.status === 'degraded');
  const status = down.length > 0 ? 'unhealthy' : degraded ? 'degraded' : 'healthy';
  return { status, version: VERSION, components, down };
}

async function probe(check: HealthCheck, timeoutMs: number): Promise<ComponentHealth> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([check.check(), timeout]);
    const warning = check.degradation && (await Promise.race([check.degradation(), timeout]));
    return warning
      ? { status: 'degraded', adapter: check.adapter, latencyMs: elapsed(started), warning }
      : { status: 'up', adapter: check.adapter, latencyMs: elapsed(started) };
  } catch (error) {
    // The reason names the failure (refused, timed out) without credentials or stack.
    const reason = error instanceof Error ? error.message.split('\n')[0]?.slice(0, 200) : 'unknown error';
    return { status: 'down', adapter: check.adapter, latencyMs: elapsed(started), error: reason ?? 'unknown error' };
  } finally {
    clearTimeout(timer);
  }
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 100) / 100;
}
