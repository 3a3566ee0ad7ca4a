import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { taskFunctions, type TableName } from '#functions/manifest';
import { ENV, queueUrlVariable, TABLE_VARIABLES } from '#shared/config';
import { createTableFor } from '#shared/adapters/dynamodb/provision';
import { createQueueWithDeadLetters } from '#shared/adapters/sqs/provision';

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
    Object.entries(TABLE_VARIABLES).map(async ([table, variable]) => {
      const name = `${prefix}-${table}`;
      await createTableFor(dynamo, table as TableName, name);
      env[variable] = name;
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
