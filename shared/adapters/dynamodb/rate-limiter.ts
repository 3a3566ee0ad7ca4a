import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DependencyError } from '#shared/errors';
import {
  RATE_LIMIT_EXPIRY_MARGIN_SECONDS,
  rateLimitBucket,
  rateLimitDecision,
  rateLimitWindow,
} from '#shared/domain/rate-limits';
import type { RateLimitDecision, RateLimitRule } from '#shared/domain/rate-limits';
import type { RateLimiter } from '#shared/ports/rate-limiter';
import { RATE_LIMIT_TABLE_LAYOUT } from './table-layouts.ts';

/**
 * Fixed-window counters in DynamoDB: one item per (SHA-256 of the key, window), counted with an atomic
 * `ADD`, so every container sees one count. Items of past windows are deleted by TTL on `expiresAt`.
 */
export class DynamoRateLimiter implements RateLimiter {
  readonly component = 'rate-limits';
  readonly adapter = 'dynamodb';
  private readonly tableName: string;
  private readonly client: DynamoDBDocumentClient;

  constructor(options: { tableName: string; client: DynamoDBDocumentClient }) {
    this.tableName = options.tableName;
    this.client = options.client;
  }

  async consume(key: string, rule: RateLimitRule, now: Date = new Date()): Promise<RateLimitDecision> {
    const window = rateLimitWindow(rule, now);
    const { Attributes } = await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { [RATE_LIMIT_TABLE_LAYOUT.partitionKey]: rateLimitBucket(key, rule, window) },
        UpdateExpression: 'ADD hits :one SET #expiresAt = :expiresAt',
        ExpressionAttributeNames: { '#expiresAt': RATE_LIMIT_TABLE_LAYOUT.ttlAttribute },
        ExpressionAttributeValues: { ':one': 1, ':expiresAt': window.end + RATE_LIMIT_EXPIRY_MARGIN_SECONDS },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    const hits: unknown = Attributes?.hits;
    if (typeof hits !== 'number') throw new DependencyError('rate-limits', 'the counter update returned no count');
    return rateLimitDecision(hits, rule, window, now);
  }

  async check(): Promise<void> {
    await this.client.send(new DescribeTableCommand({ TableName: this.tableName }));
  }
}
