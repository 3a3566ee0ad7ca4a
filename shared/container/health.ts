import type { TaskType } from '#shared/domain/tasks';
import type { FunctionDefinition, TableName, TaskFunction } from '#shared/function-definitions';
import { METRIC, metrics, MetricUnit } from '#shared/observability/metrics';
import { config } from '#shared/config';
import type { HealthCheck } from '#shared/ports/health';
import { auditLog } from './audit.ts';
import { sharedCache } from './cache.ts';
import { graphStore } from './graph.ts';
import { idempotencyHealth } from './idempotency-health.ts';
import { apiKeyStore, userStore } from './identity.ts';
import { progressStore } from './progress.ts';
import { taskQueue } from './queues.ts';
import { rateLimiter } from './rate-limits.ts';
import { secretStore } from './secrets.ts';
import { vectorStore } from './vectors.ts';

/** The store behind each table, as `/health` reports it. */
const TABLE_CHECKS: Readonly<Record<TableName, () => HealthCheck>> = {
  progress: progressStore,
  users: userStore,
  'api-keys': apiKeyStore,
  audit: auditLog,
  'rate-limits': rateLimiter,
  cache: sharedCache,
  idempotency: idempotencyHealth,
};

/** What `/health` asks, derived from what a function declares it uses; `consumerOf` names each task's function. */
export function healthChecksFor(fn: FunctionDefinition, consumerOf: (task: TaskType) => TaskFunction): HealthCheck[] {
  const checks: HealthCheck[] = [];
  if (fn.uses.graph) checks.push(graphCheck());
  if (fn.uses.vectors) checks.push(vectorStore());
  for (const table of fn.uses.tables ?? []) checks.push(TABLE_CHECKS[table]());
  for (const task of new Set([...(fn.uses.sendsTo ?? []), ...(fn.uses.deadLetters ?? [])])) {
    checks.push(queueCheck(consumerOf(task)));
  }
  if (fn.uses.secrets?.length) checks.push(secretStore());
  return checks;
}

/**
 * A task's queue: up when it answers, degraded while dead letters wait (they need an operator: see
 * `GET /dead-letters`), which is also emitted as the `DeadLetterMessages` metric of that task.
 */
function queueCheck(consumer: TaskFunction): HealthCheck {
  const { task } = consumer;
  const queue = taskQueue(consumer);
  return {
    // One task type today; a second one needs its own component name (e.g. `queue:<task>`).
    component: queue.component,
    adapter: queue.adapter,
    check: () => queue.check(),
    degradation: async () => {
      const { deadLetters } = await queue.depth();
      const metric = metrics.singleMetric();
      metric.addDimension('task', task);
      metric.addMetric(METRIC.deadLetterMessages, MetricUnit.Count, deadLetters);
      return deadLetters > 0 ? `${deadLetters} dead letter${deadLetters === 1 ? '' : 's'} waiting` : undefined;
    },
  };
}

function graphCheck(): HealthCheck {
  return {
    component: 'graph',
    adapter: config().neo4j ? 'neo4j' : 'embedded',
    check: async () => (await graphStore()).check(),
  };
}
