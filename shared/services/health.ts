import type { HealthCheck } from '#shared/ports/health';

export interface ComponentHealth {
  readonly status: 'up' | 'down';
  readonly adapter: string;
  readonly latencyMs: number;
  readonly error?: string;
}

export interface HealthReport {
  readonly status: 'healthy' | 'unhealthy';
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
  return { status: down.length === 0 ? 'healthy' : 'unhealthy', version: VERSION, components, down };
}

async function probe(check: HealthCheck, timeoutMs: number): Promise<ComponentHealth> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([check.check(), timeout]);
    return { status: 'up', adapter: check.adapter, latencyMs: elapsed(started) };
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
