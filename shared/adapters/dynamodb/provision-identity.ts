import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createTableFor } from './provision.ts';

/** A users table as the CDK app makes it (keyed by `username`), ACTIVE. */
export const createUsersTable = (client: DynamoDBDocumentClient, name: string): Promise<void> =>
  createTableFor(client, 'users', name);

/** An API key table as the CDK app makes it (keyed by `keyHash`, index `byOwner` on `owner` + `createdAt`), ACTIVE. */
export const createApiKeysTable = (client: DynamoDBDocumentClient, name: string): Promise<void> =>
  createTableFor(client, 'api-keys', name);
