/**
 * Every function of Yggdrasil, declared once.
 *
 * The CDK app (`infra/aws`) and the local runtime (`infra/local`) are both built from this list, so a
 * route, a queue or a permission is never written twice. Pure data: no handler code is imported here.
 */

/** A table the platform owns; each becomes one DynamoDB table in the cloud. */
export type TableName = 'progress' | 'users' | 'api-keys' | 'audit' | 'rate-limits' | 'cache';

/** A secret the platform reads; each becomes one Secrets Manager secret in the cloud. */
export type SecretName = 'neo4j' | 'jwt-signing-keys' | 'first-admin' | 'qdrant-api-key';

/** What a function may touch besides its own queue. */
export interface Uses {
  readonly tables?: readonly TableName[];
  /** Task types this function sends messages to. */
  readonly sendsTo?: readonly TaskType[];
  readonly secrets?: readonly SecretName[];
  /** Reaches the Neo4j graph (gets its URI and credentials secret). */
  readonly graph?: boolean;
  /** Reaches the Qdrant vector index (gets its URL and API-key secret). */
  readonly vectors?: boolean;
  /** Embeds text (the in-process model; in the cloud, Bedrock's InvokeModel on the embedding model). */
  readonly embedder?: boolean;
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
 * `public` routes need no credentials; `authenticated` ones any valid caller (their own API keys); the
 * others name the permission a caller's role must hold, from the seed's role table (resources × actions).
 * Documents feed the concepts and claims, so they share `concepts`; the audit trail is `system:write`,
 * which only admins hold.
 */
export type Permission =
  'public' | 'authenticated' | `${'concepts' | 'claims' | 'users' | 'system'}:${'read' | 'write' | 'delete'}`;

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

/**
 * An HTTP function whose handler lives at `functions/http/<name>.ts`: the name does the wiring.
 * Routes that are not public also read the identity tables, the rate limits, the audit table and the JWT
 * keys; `withAuthentication` adds those, so no entry has to repeat them.
 */
function http(
  name: string,
  method: HttpMethod,
  path: string,
  permission: Permission,
  uses: Uses = {},
  size: { memoryMb?: number; timeoutSeconds?: number } = {},
): HttpFunction {
  return {
    kind: 'http',
    name,
    entry: `functions/http/${name}.ts`,
    route: { method, path },
    permission,
    memoryMb: size.memoryMb ?? 256,
    timeoutSeconds: size.timeoutSeconds ?? 10,
    uses: permission === 'public' ? uses : withAuthentication(uses),
  };
}

function withAuthentication(uses: Uses): Uses {
  return {
    ...uses,
    tables: [...new Set([...(uses.tables ?? []), 'users', 'api-keys', 'rate-limits', 'audit'] as const)],
    secrets: [...new Set([...(uses.secrets ?? []), 'jwt-signing-keys'] as const)],
  };
}

const graph: Uses = { graph: true, secrets: ['neo4j'] };
const cachedGraph: Uses = { ...graph, tables: ['cache'] };
const vectors: Uses = { vectors: true, secrets: ['qdrant-api-key'] };
/** Embedding a query loads the ONNX model: CPU (and so memory) as for processing; see README "Embeddings". */
const EMBEDDING_MEMORY = { memoryMb: 1024, timeoutSeconds: 15 };

export const httpFunctions = {
  // Checks every dependency, so it is granted a look at each of them.
  health: http('health', 'GET', '/health', 'public', {
    tables: ['progress', 'users', 'api-keys', 'audit', 'rate-limits', 'cache'],
    sendsTo: ['process-documents'],
    graph: true,
    vectors: true,
    secrets: ['neo4j', 'jwt-signing-keys', 'qdrant-api-key'],
  }),
  openapi: http('openapi', 'GET', '/openapi.json', 'public'),
  issueToken: http(
    'issue-token',
    'POST',
    '/token',
    'public',
    { tables: ['users', 'rate-limits', 'audit'], secrets: ['jwt-signing-keys'] },
    // bcrypt's cost is CPU: Lambda gives CPU in proportion to memory.
    { memoryMb: 1024 },
  ),

  submitDocuments: http(
    'submit-documents',
    'POST',
    '/documents',
    'concepts:write',
    { tables: ['progress'], sendsTo: ['process-documents'] },
    { memoryMb: 512, timeoutSeconds: 29 },
  ),
  getTask: http('get-task', 'GET', '/tasks/{taskId}', 'concepts:read', { tables: ['progress'] }),

  createUser: http('create-user', 'POST', '/users', 'users:write', {}, { memoryMb: 1024 }),
  listUsers: http('list-users', 'GET', '/users', 'users:read'),
  updateUser: http('update-user', 'PATCH', '/users/{username}', 'users:write'),

  createApiKey: http('create-api-key', 'POST', '/api-keys', 'authenticated'),
  listApiKeys: http('list-api-keys', 'GET', '/api-keys', 'authenticated'),
  revokeApiKey: http('revoke-api-key', 'DELETE', '/api-keys/{keyId}', 'authenticated'),

  listAudit: http('list-audit', 'GET', '/audit', 'system:write'),

  createConcept: http('create-concept', 'POST', '/concepts', 'concepts:write', cachedGraph),
  listConcepts: http('list-concepts', 'GET', '/concepts', 'concepts:read', graph),
  getConcept: http('get-concept', 'GET', '/concepts/{conceptId}', 'concepts:read', cachedGraph),
  updateConcept: http('update-concept', 'PATCH', '/concepts/{conceptId}', 'concepts:write', cachedGraph),
  deleteConcept: http('delete-concept', 'DELETE', '/concepts/{conceptId}', 'concepts:delete', cachedGraph),
  relateConcepts: http('relate-concepts', 'POST', '/concepts/{conceptId}/relations', 'concepts:write', cachedGraph),
  listConceptRelations: http(
    'list-concept-relations',
    'GET',
    '/concepts/{conceptId}/relations',
    'concepts:read',
    graph,
  ),
  unrelateConcepts: http(
    'unrelate-concepts',
    'DELETE',
    '/concepts/{conceptId}/relations/{relationType}/{targetId}',
    'concepts:write',
    cachedGraph,
  ),

  createClaim: http('create-claim', 'POST', '/claims', 'claims:write', cachedGraph),
  listClaims: http('list-claims', 'GET', '/claims', 'claims:read', graph),
  getClaim: http('get-claim', 'GET', '/claims/{claimId}', 'claims:read', cachedGraph),
  updateClaim: http('update-claim', 'PATCH', '/claims/{claimId}', 'claims:write', cachedGraph),
  deleteClaim: http('delete-claim', 'DELETE', '/claims/{claimId}', 'claims:delete', cachedGraph),
  addEvidence: http('add-evidence', 'POST', '/claims/{claimId}/evidence', 'claims:write', cachedGraph),
  listEvidence: http('list-evidence', 'GET', '/claims/{claimId}/evidence', 'claims:read', graph),

  searchDocuments: http(
    'search-documents',
    'GET',
    '/search',
    'concepts:read',
    { ...vectors, embedder: true },
    EMBEDDING_MEMORY,
  ),
  similarDocuments: http(
    'similar-documents',
    'GET',
    '/documents/{documentId}/similar',
    'concepts:read',
    { ...vectors, graph: true, secrets: ['qdrant-api-key', 'neo4j'] },
    { memoryMb: 512 },
  ),
  deleteDocument: http('delete-document', 'DELETE', '/documents/{documentId}', 'concepts:delete', {
    ...vectors,
    graph: true,
    secrets: ['qdrant-api-key', 'neo4j'],
  }),
  visualizeVectors: http('visualize-vectors', 'GET', '/vectors/{domain}/visualization', 'concepts:read', vectors, {
    memoryMb: 1024,
    timeoutSeconds: 15,
  }),

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
} satisfies Record<string, HttpFunction>;

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
    uses: { tables: ['progress'], graph: true, secrets: ['neo4j', 'qdrant-api-key'], vectors: true, embedder: true },
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
