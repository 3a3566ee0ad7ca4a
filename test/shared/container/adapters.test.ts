import { randomUUID } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { taskFunctions } from '#functions/manifest';
import { resetConfig } from '#shared/config';
import { auditLog } from '#shared/container/audit';
import { bedrockRuntimeClient } from '#shared/container/aws-clients';
import { sharedCache } from '#shared/container/cache';
import { documentKnowledgeStore } from '#shared/container/document-knowledge';
import { idempotencyHealth } from '#shared/container/idempotency-health';
import { apiKeyStore, userStore } from '#shared/container/identity';
import { idempotencyStore } from '#shared/container/idempotency';
import { knowledgeStore } from '#shared/container/knowledge';
import { progressStore } from '#shared/container/progress';
import { taskQueue } from '#shared/container/queues';
import { rateLimiter } from '#shared/container/rate-limits';
import { secretStore } from '#shared/container/secrets';
import { requireAwsEndpoint } from '../../support/aws-env.ts';
import { useEmbeddedDefaults } from '../../support/embedded.ts';

useEmbeddedDefaults();

/** What the container makes, by the setting that selects the real adapter. */
const selections: [string, Record<string, string>, () => { readonly adapter: string }, string][] = [
  ['the user store', { USERS_TABLE: 'users' }, userStore, 'dynamodb'],
  ['the API key store', { API_KEYS_TABLE: 'api-keys' }, apiKeyStore, 'dynamodb'],
  ['the audit log', { AUDIT_TABLE: 'audit' }, auditLog, 'dynamodb'],
  ['the progress store', { PROGRESS_TABLE: 'progress' }, progressStore, 'dynamodb'],
  ['the rate limiter', { RATE_LIMITS_TABLE: 'rate-limits' }, rateLimiter, 'dynamodb'],
  ['the idempotency store', { IDEMPOTENCY_TABLE: 'idempotency' }, idempotencyStore, 'dynamodb'],
  ['the idempotency health check', { IDEMPOTENCY_TABLE: 'idempotency' }, idempotencyHealth, 'dynamodb'],
  ['the shared cache', { CACHE_TABLE: 'cache' }, sharedCache, 'dynamodb'],
  ['the secret store', { SECRETS_BACKEND: 'secrets-manager' }, secretStore, 'secrets-manager'],
  ['the knowledge store', { NEO4J_URI: 'bolt://127.0.0.1:1' }, knowledgeStore, 'neo4j'],
  ['the document knowledge store', { NEO4J_URI: 'bolt://127.0.0.1:1' }, documentKnowledgeStore, 'neo4j'],
  [
    'the document queue',
    { QUEUE_URL_PROCESS_DOCUMENTS: 'https://sqs.eu-west-1.amazonaws.com/123456789012/process-documents' },
    () => taskQueue(taskFunctions.processDocuments),
    'sqs',
  ],
];

/** Sets `env` over the embedded defaults and rereads the configuration. */
function configure(env: Record<string, string>): void {
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  resetConfig();
}

describe('the container', () => {
  it.each(selections)('makes %s embedded when nothing selects another', (_what, _env, make) => {
    expect(make().adapter).toBe('embedded');
  });

  it.each(selections)('makes %s with the adapter %o selects', (_what, env, make, adapter) => {
    configure(env);
    expect(make().adapter).toBe(adapter);
  });

  it('makes each one once per container', () => {
    configure({ USERS_TABLE: 'users' });
    expect(userStore()).toBe(userStore());
    expect(bedrockRuntimeClient()).toBe(bedrockRuntimeClient());
  });

  it('reports a missing idempotency table as down', async () => {
    // Prepare
    requireAwsEndpoint('The idempotency health check');
    configure({ IDEMPOTENCY_TABLE: `missing-${randomUUID()}` });

    // Act
    const check = idempotencyHealth().check();

    // Assess
    await expect(check).rejects.toThrow(/not found|ResourceNotFound/i);
    expect(idempotencyHealth().component).toBe('idempotency');
  });
});
