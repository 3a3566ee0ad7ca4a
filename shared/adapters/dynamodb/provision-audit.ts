import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createTableFor } from './provision.ts';

/** An audit table as the CDK app makes it (`day` + `sk`, index `byActor`, TTL on `expiresAt`), ACTIVE. */
export const createAuditTable = (client: DynamoDBDocumentClient, name: string): Promise<void> =>
  createTableFor(client, 'audit', name);

/** A rate-limit table as the CDK app makes it (keyed by `bucket`, TTL on `expiresAt`), ACTIVE. */
export const createRateLimitTable = (client: DynamoDBDocumentClient, name: string): Promise<void> =>
  createTableFor(client, 'rate-limits', name);
