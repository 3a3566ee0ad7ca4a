import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { FunctionDefinition, SecretName, TableName, TaskType } from '#functions/manifest';
import { ENV } from '#shared/config';
import type { YggFunction } from './function.ts';
import { SECRET_VARIABLES } from './secrets.ts';

/** Titan Text Embeddings v2, the cloud's embedding model (the runtime's default `BEDROCK_EMBEDDING_MODEL_ID`). */
export const BEDROCK_EMBEDDING_MODEL_ID = 'amazon.titan-embed-text-v2:0';
import { tableAccessOf } from './table-access.ts';
import { TABLE_VARIABLES } from '#shared/config';

/** What a manifest entry's `uses` can point at. */
export interface PlatformResources {
  readonly tables: Readonly<Record<TableName, ITable>>;
  readonly secrets: Readonly<Record<SecretName, ISecret>>;
  readonly queues: ReadonlyMap<TaskType, IQueue>;
  readonly deadLetterQueues: ReadonlyMap<TaskType, IQueue>;
  /** Address of the Neo4j graph (`neo4j+s://…`), given to functions with `graph: true`. */
  readonly neo4jUri: string;
  /** Address of the Qdrant index, given to functions with `vectors: true`. */
  readonly qdrantUrl: string;
  /** Rate-limit rules by variable (`RATE_LIMIT_PRINCIPAL` → `120/60`), given to functions that count hits. */
  readonly rateLimits: Readonly<Record<string, string>>;
}

/**
 * Grants `fn` exactly what its entry's `uses` lists (each table with the access `table-access.ts` allows that
 * function), and sets exactly the variables that name those resources: nothing more, so a function's
 * environment and role read as its manifest entry.
 */
export function bindUses(fn: YggFunction, definition: FunctionDefinition, resources: PlatformResources): void {
  const { uses } = definition;
  for (const table of new Set(uses.tables)) {
    fn.bindTable(resources.tables[table], TABLE_VARIABLES[table], tableAccessOf(definition, table));
  }
  for (const task of new Set(uses.sendsTo)) {
    const queue = resources.queues.get(task);
    if (!queue) throw new Error(`No queue for task '${task}'`);
    fn.bindQueue(task, queue);
  }
  for (const task of new Set(uses.deadLetters)) {
    const queue = resources.queues.get(task);
    const deadLetterQueue = resources.deadLetterQueues.get(task);
    if (!queue || !deadLetterQueue) throw new Error(`No queue for task '${task}'`);
    fn.bindDeadLetters(task, queue, deadLetterQueue);
  }
  // Reaching the graph means holding its credentials too.
  const secrets = new Set<SecretName>(uses.secrets);
  if (uses.graph) secrets.add('neo4j');
  if (uses.vectors) secrets.add('qdrant-api-key');
  for (const secret of secrets) {
    fn.bindSecret(resources.secrets[secret], SECRET_VARIABLES[secret]);
  }
  if (uses.graph) fn.setSetting(ENV.neo4jUri, resources.neo4jUri);
  if (uses.vectors) fn.setSetting(ENV.qdrantUrl, resources.qdrantUrl);
  // In the cloud text is embedded by Bedrock (README "Embeddings" says why): only the one model is invocable.
  if (uses.embedder) {
    fn.setSetting(ENV.embedder, 'bedrock');
    fn.grantInvokeModel(BEDROCK_EMBEDDING_MODEL_ID);
  }
  if (uses.tables?.includes('rate-limits')) {
    for (const [variable, rule] of Object.entries(resources.rateLimits)) fn.setSetting(variable, rule);
  }
}
