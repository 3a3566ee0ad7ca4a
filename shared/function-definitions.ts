import type { Permission } from '#shared/domain/permissions';
import type { TaskType } from '#shared/domain/tasks';

/**
 * What a function of the manifest is: the shapes of `functions/manifest.ts`'s entries. They live here, not
 * in the manifest, because the HTTP and task stacks, the container and the infrastructure all read them,
 * and nothing in `shared/` may depend on `functions/`.
 */

/** A table the platform owns; each becomes one DynamoDB table in the cloud. */
export type TableName = 'progress' | 'users' | 'api-keys' | 'audit' | 'rate-limits' | 'cache' | 'idempotency';

/** A secret the platform reads; each becomes one Secrets Manager secret in the cloud. */
export type SecretName = 'neo4j' | 'jwt-signing-keys' | 'first-admin' | 'qdrant-api-key';

/** What a function may touch besides its own queue. */
export interface Uses {
  readonly tables?: readonly TableName[];
  /** Task types this function sends messages to. */
  readonly sendsTo?: readonly TaskType[];
  /** Task types whose dead letters this function lists and redrives. */
  readonly deadLetters?: readonly TaskType[];
  readonly secrets?: readonly SecretName[];
  /** Reaches the Neo4j graph (gets its URI and credentials secret). */
  readonly graph?: boolean;
  /** Reaches the Qdrant vector index (gets its URL and API-key secret). */
  readonly vectors?: boolean;
  /** Embeds text (the in-process model; in the cloud, Bedrock's InvokeModel on the embedding model). */
  readonly embedder?: boolean;
  /** Hashes or verifies passwords (scrypt, and bcryptjs for hashes made before it): CPU, sized by memory. */
  readonly passwords?: boolean;
  /** Runs the text processor: carries its language models (~7 MB), and wants CPU, sized by memory. */
  readonly textAnalysis?: boolean;
}

interface FunctionBase {
  /** Unique, kebab-case; becomes part of the Lambda's name and its log group. */
  readonly name: string;
  /** Source file, relative to the repository root; exports `handler`. */
  readonly entry: string;
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
  readonly uses: Uses;
  /** Cap on concurrent containers: Neo4j connections = concurrency × pool size. */
  readonly reservedConcurrency?: number;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface HttpFunction extends FunctionBase {
  readonly kind: 'http';
  /** `$default` catches every request no other route matches (404 / 405 as problem documents). */
  readonly route: { readonly method: HttpMethod; readonly path: string } | '$default';
  readonly permission: Permission;
  /** A creating POST that honours `Idempotency-Key`: its responses are kept for replay (see `idempotent`). */
  readonly idempotent?: boolean;
}

export interface QueueSettings {
  /** Messages per batch event. */
  readonly batchSize: number;
  /** Deliveries before a message is moved to the dead-letter queue. */
  readonly maxReceiveCount: number;
  /** How long a received message stays hidden; at least 6 × the function timeout. */
  readonly visibilityTimeoutSeconds: number;
  /** Dead letters are kept this long for inspection and redrive. */
  readonly deadLetterRetentionDays: number;
  /** Longest wait to fill a batch (the event source mapping's `MaximumBatchingWindowInSeconds`, 0–300). */
  readonly batchWindowSeconds: number;
  /**
   * Batches handled at once (the event source mapping's `MaximumConcurrency`, 2–1000): the seed's routing by
   * queue becomes priority by concurrency. At most `reservedConcurrency`.
   */
  readonly maxConcurrency: number;
  /** Retries of a message failing transiently before it goes to the dead letters; below `maxReceiveCount`. */
  readonly maxRetries: number;
  /** Exponential backoff with full jitter: attempt n waits up to min(max, base × 2^(n−1)) seconds. */
  readonly retryBackoff: { readonly baseSeconds: number; readonly maxSeconds: number };
  /**
   * Celery's soft time limit: past it, a message records what it has done and requeues the rest. Below the
   * function's timeout, which is the hard limit.
   */
  readonly softTimeLimitSeconds: number;
}

export interface TaskFunction extends FunctionBase {
  readonly kind: 'task';
  readonly task: TaskType;
  readonly queue: QueueSettings;
}

export type FunctionDefinition = HttpFunction | TaskFunction;
