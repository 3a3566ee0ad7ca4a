import type { FunctionDefinition, TaskType } from '#functions/manifest';
import { taskFunctionFor } from '#functions/manifest';
import { config, type Config } from '#shared/config';
import { openEmbeddedDatabase } from '#shared/adapters/embedded/database';
import { EmbeddedGraphStore } from '#shared/adapters/embedded/graph-store';
import { EmbeddedProgressStore } from '#shared/adapters/embedded/progress-store';
import { EmbeddedSecretStore } from '#shared/adapters/embedded/secret-store';
import { EmbeddedTaskQueue } from '#shared/adapters/embedded/task-queue';
import { DynamoProgressStore } from '#shared/adapters/dynamodb/progress-store';
import { closeNeo4jDrivers, neo4jDriver } from '#shared/adapters/neo4j/driver';
import { logger } from '#shared/observability/logger';
import { Neo4jGraphStore } from '#shared/adapters/neo4j/graph-store';
import { SecretsManagerSecretStore } from '#shared/adapters/secrets-manager/secret-store';
import { SqsTaskQueue } from '#shared/adapters/sqs/task-queue';
import type { GraphStore } from '#shared/ports/graph-store';
import type { HealthCheck } from '#shared/ports/health';
import type { ProgressStore } from '#shared/ports/progress-store';
import type { SecretStore } from '#shared/ports/secret-store';
import type { ConsumableQueue } from '#shared/ports/task-queue';
import type { DatabaseSync } from 'node:sqlite';
import { recordGraphQuery } from '#shared/observability/dependency-metrics';

/**
 * The one place adapters are chosen and made: once per container, lazily, from configuration. Nothing
 * configured means embedded; `NEO4J_URI`, `PROGRESS_TABLE`, `QUEUE_URL_*` and `NEO4J_SECRET_ID` mean the
 * real services.
 */
interface Instances {
  database?: DatabaseSync;
  graph?: Promise<GraphStore>;
  progress?: ProgressStore;
  secrets?: SecretStore;
  queues: Partial<Record<TaskType, ConsumableQueue>>;
}

let instances: Instances = { queues: {} };

function settings(): Config {
  return config();
}

function embeddedDatabase(): DatabaseSync {
  const { dataDir, inMemory } = settings();
  instances.database ??= openEmbeddedDatabase({ dataDir, inMemory });
  return instances.database;
}

export function secretStore(): SecretStore {
  const secretId = settings().neo4j?.secretId;
  instances.secrets ??= secretId
    ? new SecretsManagerSecretStore({ cacheTtlSeconds: settings().secretsCacheTtlSeconds, healthSecretId: secretId })
    : new EmbeddedSecretStore({ database: embeddedDatabase() });
  return instances.secrets;
}

export function progressStore(): ProgressStore {
  const table = settings().progress.table;
  instances.progress ??= table
    ? new DynamoProgressStore({ tableName: table })
    : new EmbeddedProgressStore({ database: embeddedDatabase() });
  return instances.progress;
}

/** The graph store; async because Neo4j credentials may come from Secrets Manager. */
export function graphStore(): Promise<GraphStore> {
  instances.graph ??= makeGraphStore().catch((error: unknown) => {
    instances.graph = undefined; // a failed start is retried on the next call, not cached
    throw error;
  });
  return instances.graph;
}

async function makeGraphStore(): Promise<GraphStore> {
  const neo4j = settings().neo4j;
  if (!neo4j) {
    const store = new EmbeddedGraphStore({ database: embeddedDatabase() });
    await store.migrate();
    return store;
  }
  // Asked for on every query, so a driver dropped after refused credentials comes back with the current secret.
  const driver = () => neo4jDriver(neo4j, { secretStore: secretStore(), logger });
  return new Neo4jGraphStore({ driver, database: neo4j.database, onQuery: recordGraphQuery });
}

/** The queue of a task type: SQS when its URL is configured, else the embedded queue. */
export function taskQueue(task: TaskType): ConsumableQueue {
  const existing = instances.queues[task];
  if (existing) return existing;
  const url = settings().queueUrls[task];
  const { queue } = taskFunctionFor(task);
  const created = url
    ? new SqsTaskQueue({ task, queueUrl: url })
    : new EmbeddedTaskQueue({
        database: embeddedDatabase(),
        task,
        visibilityTimeoutSeconds: queue.visibilityTimeoutSeconds,
        maxReceiveCount: queue.maxReceiveCount,
      });
  instances.queues[task] = created;
  return created;
}

/** What `/health` asks, derived from what a function declares it uses. */
export function healthChecksFor(fn: FunctionDefinition): HealthCheck[] {
  const checks: HealthCheck[] = [];
  if (fn.uses.graph) checks.push(lazyGraphCheck());
  if (fn.uses.tables?.includes('progress')) checks.push(progressStore());
  for (const task of fn.uses.sendsTo ?? []) checks.push(taskQueue(task));
  return checks;
}

function lazyGraphCheck(): HealthCheck {
  return {
    component: 'graph',
    adapter: settings().neo4j ? 'neo4j' : 'embedded',
    check: async () => (await graphStore()).check(),
  };
}

/** Closes drivers and the embedded database; the next call makes everything anew (tests, shutdown). */
export async function closeContainer(): Promise<void> {
  const current = instances;
  instances = { queues: {} };
  const graph = await current.graph?.catch(() => undefined);
  await graph?.close();
  await closeNeo4jDrivers();
  current.database?.close();
}
