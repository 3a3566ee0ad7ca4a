import { config } from '#shared/config';
import { DynamoIdempotencyStore } from '#shared/adapters/dynamodb/idempotency-store';
import { EmbeddedIdempotencyStore } from '#shared/adapters/embedded/idempotency-store';
import type { IdempotencyStore } from '#shared/ports/idempotency-store';
import { dynamoClient } from './aws-clients.ts';
import { embeddedDatabase } from './embedded-database.ts';
import { once } from './lifecycle.ts';

/** DynamoDB when `IDEMPOTENCY_TABLE` is set (shared by every container), else the embedded store. */
export const idempotencyStore = once((): IdempotencyStore => {
  const table = config().tables.idempotency;
  return table
    ? new DynamoIdempotencyStore({ tableName: table, client: dynamoClient() })
    : new EmbeddedIdempotencyStore({ database: embeddedDatabase() });
});
