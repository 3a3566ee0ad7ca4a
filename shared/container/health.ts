import type { FunctionDefinition, TableName } from '#functions/manifest';
import { config } from '#shared/config';
import type { HealthCheck } from '#shared/ports/health';
import { auditLog } from './audit.ts';
import { sharedCache } from './cache.ts';
import { graphStore } from './graph.ts';
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
};

/** What `/health` asks, derived from what a function declares it uses. */
export function healthChecksFor(fn: FunctionDefinition): HealthCheck[] {
  const checks: HealthCheck[] = [];
  if (fn.uses.graph) checks.push(graphCheck());
  if (fn.uses.vectors) checks.push(vectorStore());
  for (const table of fn.uses.tables ?? []) checks.push(TABLE_CHECKS[table]());
  for (const task of fn.uses.sendsTo ?? []) checks.push(taskQueue(task));
  if (fn.uses.secrets?.length) checks.push(secretStore());
  return checks;
}

function graphCheck(): HealthCheck {
  return {
    component: 'graph',
    adapter: config().neo4j ? 'neo4j' : 'embedded',
    check: async () => (await graphStore()).check(),
  };
}
