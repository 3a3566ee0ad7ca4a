import type { FunctionDefinition } from '#functions/manifest';
import { config } from '#shared/config';
import type { HealthCheck } from '#shared/ports/health';
import { sharedCache } from './cache.ts';
import { graphStore } from './graph.ts';
import { progressStore } from './progress.ts';
import { taskQueue } from './queues.ts';

/** What `/health` asks, derived from what a function declares it uses. */
export function healthChecksFor(fn: FunctionDefinition): HealthCheck[] {
  const checks: HealthCheck[] = [];
  if (fn.uses.graph) checks.push(graphCheck());
  if (fn.uses.tables?.includes('progress')) checks.push(progressStore());
  for (const task of fn.uses.sendsTo ?? []) checks.push(taskQueue(task));
  if (fn.uses.tables?.includes('cache')) checks.push(sharedCache());
  return checks;
}

function graphCheck(): HealthCheck {
  return {
    component: 'graph',
    adapter: config().neo4j ? 'neo4j' : 'embedded',
    check: async () => (await graphStore()).check(),
  };
}
