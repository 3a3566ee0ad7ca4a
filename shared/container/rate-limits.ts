import { config } from '#shared/config';
import { DynamoRateLimiter } from '#shared/adapters/dynamodb/rate-limiter';
import { EmbeddedRateLimiter } from '#shared/adapters/embedded/rate-limiter';
import type { RateLimiter } from '#shared/ports/rate-limiter';
import { embeddedDatabase } from './embedded-database.ts';
import { once } from './lifecycle.ts';
import { dynamoDocumentClient } from './aws-clients.ts';

/** DynamoDB when `RATE_LIMITS_TABLE` is set (shared by every container), else the embedded limiter. */
export const rateLimiter = once((): RateLimiter => {
  const table = config().tables.rateLimits;
  return table
    ? new DynamoRateLimiter({ tableName: table, client: dynamoDocumentClient() })
    : new EmbeddedRateLimiter({ database: embeddedDatabase() });
});
