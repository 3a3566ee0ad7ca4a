import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import type { IdempotencyStore } from '#shared/ports/idempotency-store';

import { IDEMPOTENCY_TABLE_LAYOUT } from './table-layouts.ts';

/**
 * Idempotency records in DynamoDB through Powertools' own layer (conditional puts for the in-progress lock,
 * consistent reads), keyed by `id`; DynamoDB's TTL deletes records after `expiration`.
 */
export class DynamoIdempotencyStore extends DynamoDBPersistenceLayer implements IdempotencyStore {
  readonly component = 'idempotency';
  readonly adapter = 'dynamodb';
  private readonly describe: () => Promise<unknown>;

  constructor(options: { tableName: string; client: DynamoDBClient }) {
    const { client } = options;
    super({
      tableName: options.tableName,
      awsSdkV3Client: client,
      keyAttr: IDEMPOTENCY_TABLE_LAYOUT.partitionKey,
      expiryAttr: IDEMPOTENCY_TABLE_LAYOUT.ttlAttribute,
    });
    this.describe = () => client.send(new DescribeTableCommand({ TableName: options.tableName }));
  }

  async check(): Promise<void> {
    await this.describe();
  }
}
