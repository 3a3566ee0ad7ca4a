/**
 * Every function of Yggdrasil, declared once.
 *
 * The CDK app (`infra/aws`) and the local runtime (`infra/local`) are both built from this list, so a
 * route, a queue or a permission is never written twice. Pure data: no handler code is imported here.
 */

import type { Permission } from '#shared/domain/permissions';
import type { TaskType } from '#shared/domain/tasks';
import type { FunctionDefinition, HttpFunction, HttpMethod, TaskFunction, Uses } from '#shared/function-definitions';

export type { Permission } from '#shared/domain/permissions';
export type { TaskType } from '#shared/domain/tasks';
export type * from '#shared/function-definitions';

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

/**
 * Marks a creating route as honouring `Idempotency-Key`: the HTTP stack keeps its response for replay in
 * the idempotency table, which the function is therefore granted.
 */
function idempotent(fn: HttpFunction): HttpFunction {
  return { ...fn, idempotent: true, uses: { ...fn.uses, tables: [...(fn.uses.tables ?? []), 'idempotency'] } };
}

const graph: Uses = { graph: true, secrets: ['neo4j'] };
const cachedGraph: Uses = { ...graph, tables: ['cache'] };
const vectors: Uses = { vectors: true, secrets: ['qdrant-api-key'] };
/**
 * In the cloud a query is embedded by one Bedrock call (README "Embeddings"), not the in-process ONNX model, so
 * search needs no more memory than the other readers (peak RSS 72 MB at its cold start); the call may be slow.
 */
const EMBEDDING_MEMORY = { memoryMb: 256, timeoutSeconds: 15 };

export const httpFunctions = {
  // Checks every dependency, so it is granted a look at each of them.
  health: http('health', 'GET', '/health', 'public', {
    tables: ['progress', 'users', 'api-keys', 'audit', 'rate-limits', 'cache', 'idempotency'],
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
    { tables: ['users', 'rate-limits', 'audit'], secrets: ['jwt-signing-keys'], passwords: true },
    // scrypt's cost is CPU: Lambda gives CPU in proportion to memory (README, "Cold starts and memory").
    { memoryMb: 512 },
  ),

  submitDocuments: idempotent(
    http(
      'submit-documents',
      'POST',
      '/documents',
      'concepts:write',
      { tables: ['progress'], sendsTo: ['process-documents'] },
      { memoryMb: 512, timeoutSeconds: 29 },
    ),
  ),
  getTask: http('get-task', 'GET', '/tasks/{taskId}', 'concepts:read', { tables: ['progress'] }),
  listTasks: http('list-tasks', 'GET', '/tasks', 'concepts:read', { tables: ['progress'] }),
  cancelTask: http('cancel-task', 'POST', '/tasks/{taskId}/cancel', 'concepts:write', { tables: ['progress'] }),
  listDeadLetters: http('list-dead-letters', 'GET', '/dead-letters', 'system:write', {
    deadLetters: ['process-documents'],
  }),
  redriveDeadLetters: http('redrive-dead-letters', 'POST', '/dead-letters/redrive', 'system:write', {
    deadLetters: ['process-documents'],
  }),
  listDocuments: http('list-documents', 'GET', '/documents', 'concepts:read', graph),
  getDocument: http('get-document', 'GET', '/documents/{documentId}', 'concepts:read', graph),
  getDomain: http('get-domain', 'GET', '/domains/{domain}', 'concepts:read', graph),
  // Reads the graph's names to link to; the language models want CPU, which Lambda gives with memory.
  analyzeText: http(
    'analyze-text',
    'POST',
    '/analyze/text',
    'authenticated',
    { ...graph, textAnalysis: true },
    {
      memoryMb: 1024,
      timeoutSeconds: 29,
    },
  ),

  createUser: idempotent(http('create-user', 'POST', '/users', 'users:write', { passwords: true }, { memoryMb: 512 })),
  listUsers: http('list-users', 'GET', '/users', 'users:read'),
  updateUser: http('update-user', 'PATCH', '/users/{username}', 'users:write'),

  createApiKey: idempotent(http('create-api-key', 'POST', '/api-keys', 'authenticated')),
  listApiKeys: http('list-api-keys', 'GET', '/api-keys', 'authenticated'),
  revokeApiKey: http('revoke-api-key', 'DELETE', '/api-keys/{keyId}', 'authenticated'),

  listAudit: http('list-audit', 'GET', '/audit', 'system:write'),

  createConcept: idempotent(http('create-concept', 'POST', '/concepts', 'concepts:write', cachedGraph)),
  listConcepts: http('list-concepts', 'GET', '/concepts', 'concepts:read', graph),
  getConcept: http('get-concept', 'GET', '/concepts/{conceptId}', 'concepts:read', cachedGraph),
  updateConcept: http('update-concept', 'PATCH', '/concepts/{conceptId}', 'concepts:write', cachedGraph),
  deleteConcept: http('delete-concept', 'DELETE', '/concepts/{conceptId}', 'concepts:delete', cachedGraph),
  relateConcepts: idempotent(
    http('relate-concepts', 'POST', '/concepts/{conceptId}/relations', 'concepts:write', cachedGraph),
  ),
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

  createClaim: idempotent(http('create-claim', 'POST', '/claims', 'claims:write', cachedGraph)),
  listClaims: http('list-claims', 'GET', '/claims', 'claims:read', graph),
  getClaim: http('get-claim', 'GET', '/claims/{claimId}', 'claims:read', cachedGraph),
  updateClaim: http('update-claim', 'PATCH', '/claims/{claimId}', 'claims:write', cachedGraph),
  deleteClaim: http('delete-claim', 'DELETE', '/claims/{claimId}', 'claims:delete', cachedGraph),
  addEvidence: idempotent(http('add-evidence', 'POST', '/claims/{claimId}/evidence', 'claims:write', cachedGraph)),
  listEvidence: http('list-evidence', 'GET', '/claims/{claimId}/evidence', 'claims:read', graph),

  searchDocuments: http(
    'search-documents',
    'GET',
    '/search',
    'concepts:read',
    { ...vectors, embedder: true, graph: true, secrets: ['qdrant-api-key', 'neo4j'] },
    EMBEDDING_MEMORY,
  ),
  similarDocuments: http('similar-documents', 'GET', '/documents/{documentId}/similar', 'concepts:read', {
    ...vectors,
    graph: true,
    secrets: ['qdrant-api-key', 'neo4j'],
  }),
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

/** Every routed entry: `$default` (the fallback) is not a route of its own. */
export type RoutedFunctionKey = Exclude<keyof typeof httpFunctions, 'fallback'>;

export const taskFunctions = {
  processDocuments: {
    kind: 'task',
    name: 'process-documents',
    task: 'process-documents',
    entry: 'functions/tasks/process-documents.ts',
    // One whole vCPU (Lambda gives CPU with memory): a document costs ~11–12 ms of CPU with Bedrock, so 50
    // documents per second per worker needs ≥ ~1,088 MB; peak RSS is ~480–570 MB (README, "One worker" under Benchmarks).
    memoryMb: 1769,
    timeoutSeconds: PROCESS_DOCUMENTS_TIMEOUT_SECONDS,
    reservedConcurrency: 10,
    queue: {
      batchSize: 5,
      maxReceiveCount: 8,
      visibilityTimeoutSeconds: 6 * PROCESS_DOCUMENTS_TIMEOUT_SECONDS,
      deadLetterRetentionDays: 14,
      batchWindowSeconds: 1,
      maxConcurrency: 10,
      maxRetries: 5,
      retryBackoff: { baseSeconds: 1, maxSeconds: 300 },
      softTimeLimitSeconds: PROCESS_DOCUMENTS_TIMEOUT_SECONDS - 20,
    },
    uses: {
      tables: ['progress'],
      graph: true,
      secrets: ['neo4j', 'qdrant-api-key'],
      vectors: true,
      embedder: true,
      textAnalysis: true,
    },
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
