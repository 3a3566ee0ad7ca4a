import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SQSClient } from '@aws-sdk/client-sqs';

/**
 * The one place AWS SDK clients are made: once per container, lazily, reused by every invocation.
 * Endpoints and credentials come from the SDK's own environment (`AWS_REGION`, `AWS_ENDPOINT_URL`, …), so
 * pointing at moto or LocalStack is configuration only.
 */
const clientDefaults = { maxAttempts: 3 } as const;

let dynamoLowLevel: DynamoDBClient | undefined;
let dynamo: DynamoDBDocumentClient | undefined;
let sqs: SQSClient | undefined;
let secretsManager: SecretsManagerClient | undefined;
let bedrockRuntime: BedrockRuntimeClient | undefined;

/** The low-level client, for libraries that marshal items themselves (Powertools Idempotency). */
export function dynamoClient(): DynamoDBClient {
  dynamoLowLevel ??= new DynamoDBClient(clientDefaults);
  return dynamoLowLevel;
}

export function dynamoDocumentClient(): DynamoDBDocumentClient {
  dynamo ??= DynamoDBDocumentClient.from(dynamoClient(), {
    marshallOptions: { removeUndefinedValues: true },
  });
  return dynamo;
}

export function sqsClient(): SQSClient {
  sqs ??= new SQSClient(clientDefaults);
  return sqs;
}

export function secretsManagerClient(): SecretsManagerClient {
  secretsManager ??= new SecretsManagerClient(clientDefaults);
  return secretsManager;
}

export function bedrockRuntimeClient(): BedrockRuntimeClient {
  bedrockRuntime ??= new BedrockRuntimeClient(clientDefaults);
  return bedrockRuntime;
}
