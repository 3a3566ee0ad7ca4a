import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { taskFunctions, type TableName } from '#functions/manifest';
import { ENV, queueUrlVariable } from '#shared/config';
import { createCacheTable, createIdempotencyTable, createProgressTable } from '#shared/adapters/dynamodb/provision';
import { createAuditTable, createRateLimitTable } from '#shared/adapters/dynamodb/provision-audit';
import { createApiKeysTable, createUsersTable } from '#shared/adapters/dynamodb/provision-identity';
import { createQueueWithDeadLetters } from '#shared/adapters/sqs/provision';

type CreateTable = (client: DynamoDBDocumentClient, name: string) => Promise<void>;

/** How each table the manifest names is made outside CDK (moto, LocalStack, a sandbox account). */
const TABLES: Readonly<Record<TableName, { create: CreateTable; variable: string }>> = {
  progress: { create: createProgressTable, variable: ENV.progressTable },
  users: { create: createUsersTable, variable: ENV.usersTable },
  'api-keys': { create: createApiKeysTable, variable: ENV.apiKeysTable },
  audit: { create: createAuditTable, variable: ENV.auditTable },
  'rate-limits': { create: createRateLimitTable, variable: ENV.rateLimitsTable },
  cache: { create: createCacheTable, variable: ENV.cacheTable },
  idempotency: { create: createIdempotencyTable, variable: ENV.idempotencyTable },
};

/**
 * Creates, in the AWS endpoint the SDK is configured for, every table and queue the local runtime can use,
 * named `<prefix>-<name>`, and returns the variables that point the runtime at them. For tests and for
 * running the local runtime against moto or LocalStack; the cloud gets the same resources from CDK.
 */
export async function provisionAwsResources(prefix: string, clientConfig: { endpoint?: string; region?: string } = {}) {
  const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient(clientConfig));
  const sqs = new SQSClient(clientConfig);
  const env: Record<string, string> = {};
  await Promise.all(
    Object.entries(TABLES).map(async ([table, spec]) => {
      const name = `${prefix}-${table}`;
      await spec.create(dynamo, name);
      env[spec.variable] = name;
    }),
  );
  for (const fn of Object.values(taskFunctions)) {
    const { queueUrl } = await createQueueWithDeadLetters(sqs, `${prefix}-${fn.task}`, fn.queue);
    env[queueUrlVariable(fn.task)] = queueUrl;
  }
  env[ENV.secretsBackend] = 'secrets-manager';
  env[ENV.signingKeysSecretId] = `${prefix}/jwt-signing-keys`;
  return env;
}
