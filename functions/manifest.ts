/**
 * Every function of Yggdrasil, declared once.
 *
 * The CDK app (`infra/aws`) and the local runtime (`infra/local`) are both built from this list, so a
 * route, a queue or a permission is never written twice. Pure data: no handler code is imported here.
 */

/** A table the platform owns; each becomes one DynamoDB table in the cloud. */
export type TableName = 'progress';

/** A secret the platform reads; each becomes one Secrets Manager secret in the cloud. */
export type SecretName = 'neo4j';

/** What a function may touch besides its own queue. */
export interface Uses {
  readonly tables?: readonly TableName[];
  /** Task types this function sends messages to. */
  readonly sendsTo?: readonly TaskType[];
  readonly secrets?: readonly SecretName[];
  /** Reaches the Neo4j graph (gets its URI and credentials secret). */
  readonly graph?: boolean;
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

/**
 * `public` routes need no credentials; the others name the permission a caller's role must hold, from the
 * seed's role table (resources × actions). Documents feed the concepts and claims, so they share `concepts`.
 */
export type Permission = 'public' | `${'concepts' | 'claims' | 'users' | 'system'}:${'read' | 'write' | 'delete'}`;

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface HttpFunction extends FunctionBase {
  readonly kind: 'http';
  /** `$default` catches every request no other route matches (404 / 405 as problem documents). */
  readonly route: { readonly method: HttpMethod; readonly path: string } | '$default';
  readonly permission: Permission;
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
}

export type TaskType = 'process-documents';

export interface TaskFunction extends FunctionBase {
  readonly kind: 'task';
  readonly task: TaskType;
  readonly queue: QueueSettings;
}

export type FunctionDefinition = HttpFunction | TaskFunction;

const PROCESS_DOCUMENTS_TIMEOUT_SECONDS = 120;

export const httpFunctions = {
  health: {
    kind: 'http',
    name: 'health',
    entry: 'functions/http/health.ts',
    route: { method: 'GET', path: '/health' },
    permission: 'public',
    memoryMb: 256,
    timeoutSeconds: 10,
    uses: { tables: ['progress'], sendsTo: ['process-documents'], graph: true, secrets: ['neo4j'] },
  },
  submitDocuments: {
    kind: 'http',
    name: 'submit-documents',
    entry: 'functions/http/submit-documents.ts',
    route: { method: 'POST', path: '/documents' },
    permission: 'concepts:write',
    memoryMb: 512,
    timeoutSeconds: 29,
    uses: { tables: ['progress'], sendsTo: ['process-documents'] },
  },
  getTask: {
    kind: 'http',
    name: 'get-task',
    entry: 'functions/http/get-task.ts',
    route: { method: 'GET', path: '/tasks/{taskId}' },
    permission: 'concepts:read',
    memoryMb: 256,
    timeoutSeconds: 10,
    uses: { tables: ['progress'] },
  },
  fallback: {
    kind: 'http',
    name: 'fallback',
    entry: 'functions/http/fallback.ts',
    route: '$default',
    permission: 'public',
    memoryMb: 128,
    timeoutSeconds: 5,
    uses: {},
  },
} as const satisfies Record<string, HttpFunction>;

export const taskFunctions = {
  processDocuments: {
    kind: 'task',
    name: 'process-documents',
    task: 'process-documents',
    entry: 'functions/tasks/process-documents.ts',
    memoryMb: 1024,
    timeoutSeconds: PROCESS_DOCUMENTS_TIMEOUT_SECONDS,
    reservedConcurrency: 10,
    queue: {
      batchSize: 5,
      maxReceiveCount: 5,
      visibilityTimeoutSeconds: 6 * PROCESS_DOCUMENTS_TIMEOUT_SECONDS,
      deadLetterRetentionDays: 14,
    },
    uses: { tables: ['progress'], graph: true, secrets: ['neo4j'] },
  },
} as const satisfies Record<string, TaskFunction>;

export const manifest: readonly FunctionDefinition[] = [
  ...Object.values(httpFunctions),
  ...Object.values(taskFunctions),
];

/** The task function that consumes a task type's queue. */
export function taskFunctionFor(task: TaskType): TaskFunction {
  const functions: readonly TaskFunction[] = Object.values(taskFunctions);
  const fn = functions.find((candidate) => candidate.task === (task as string)); // one task type today; more to come
  if (!fn) throw new Error(`No task function consumes '${task}'`);
  return fn;
}
