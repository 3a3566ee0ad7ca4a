import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { BatchWriteCommandInput, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DependencyError } from '#shared/errors';
import { METRIC, metrics, MetricUnit } from '#shared/observability/metrics';
import { MAX_CACHED_VALUE_BYTES } from '#shared/ports/cache';
import type { Cache } from '#shared/ports/cache';
import { CACHE_TABLE_LAYOUT } from './table-layouts.ts';

/** The cache table's shape, shared with the CDK app and `createCacheTable`. */

/** DynamoDB takes at most 25 requests in one BatchWriteItem. */
const BATCH_SIZE = 25;
const UNPROCESSED_ATTEMPTS = 5;

type WriteRequests = NonNullable<BatchWriteCommandInput['RequestItems']>[string];

/**
 * The shared cache in a DynamoDB table keyed by `key`, deleted by DynamoDB's TTL on `expiresAt` (whole epoch
 * seconds). That TTL deletes lazily, days late at worst, so `get` checks the expiry itself. Reads are strongly
 * consistent: an invalidation is seen at once by every container.
 */
export class DynamoCache implements Cache {
  readonly component = 'cache';
  readonly adapter = 'dynamodb';
  private readonly tableName: string;
  private readonly client: DynamoDBDocumentClient;
  private readonly clock: () => Date;

  constructor(options: { tableName: string; client: DynamoDBDocumentClient; clock?: () => Date }) {
    this.tableName = options.tableName;
    this.client = options.client;
    this.clock = options.clock ?? (() => new Date());
  }

  async get(key: string): Promise<string | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { [CACHE_TABLE_LAYOUT.partitionKey]: key },
        ConsistentRead: true,
        // `value` is a DynamoDB reserved word.
        ProjectionExpression: '#value, #expiresAt',
        ExpressionAttributeNames: { '#value': 'value', '#expiresAt': CACHE_TABLE_LAYOUT.ttlAttribute },
      }),
    );
    const value: unknown = Item?.value;
    const expiresAt: unknown = Item?.[CACHE_TABLE_LAYOUT.ttlAttribute];
    if (typeof value !== 'string' || typeof expiresAt !== 'number') return undefined;
    return expiresAt * 1000 > this.clock().getTime() ? value : undefined;
  }

  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    if (!Number.isInteger(ttlSeconds) || ttlSeconds < 1) {
      throw new RangeError(`ttlSeconds must be a positive whole number, got ${ttlSeconds}`);
    }
    if (Buffer.byteLength(value) > MAX_CACHED_VALUE_BYTES) {
      metrics.addMetric(METRIC.cacheValuesTooLarge, MetricUnit.Count, 1);
      await this.delete([key]);
      return;
    }
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          [CACHE_TABLE_LAYOUT.partitionKey]: key,
          value,
          [CACHE_TABLE_LAYOUT.ttlAttribute]: Math.ceil(this.clock().getTime() / 1000) + ttlSeconds,
        },
      }),
    );
  }

  async delete(keys: readonly string[]): Promise<void> {
    // BatchWriteItem refuses a batch that names one key twice.
    const unique = [...new Set(keys)];
    const batches: string[][] = [];
    for (let start = 0; start < unique.length; start += BATCH_SIZE)
      batches.push(unique.slice(start, start + BATCH_SIZE));
    await Promise.all(
      batches.map((batch) =>
        this.writeAll(batch.map((key) => ({ DeleteRequest: { Key: { [CACHE_TABLE_LAYOUT.partitionKey]: key } } }))),
      ),
    );
  }

  async check(): Promise<void> {
    await this.client.send(new DescribeTableCommand({ TableName: this.tableName }));
  }

  /** Sends the requests, then again what DynamoDB left unprocessed (throttling), backing off between tries. */
  private async writeAll(requests: WriteRequests): Promise<void> {
    let pending = requests;
    for (let attempt = 1; pending.length > 0; attempt += 1) {
      if (attempt > UNPROCESSED_ATTEMPTS) {
        throw new DependencyError(
          'cache',
          `${pending.length} deletes left unprocessed after ${UNPROCESSED_ATTEMPTS} tries`,
        );
      }
      if (attempt > 1) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
      const { UnprocessedItems } = await this.client.send(
        new BatchWriteCommand({ RequestItems: { [this.tableName]: pending } }),
      );
      pending = UnprocessedItems?.[this.tableName] ?? [];
    }
  }
}
