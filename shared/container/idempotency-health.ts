import { config } from '#shared/config';
import { DynamoTableCheck } from '#shared/adapters/dynamodb/table-check';
import { EmbeddedDatabaseCheck } from '#shared/adapters/embedded/database-check';
import type { HealthCheck } from '#shared/ports/health';
import { dynamoClient } from './aws-clients.ts';
import { embeddedDatabase } from './embedded-database.ts';
import { once } from './lifecycle.ts';

/**
 * The idempotency table as `/health` sees it, without the Powertools persistence layer (`idempotency.ts`),
 * which only the creating routes need: it kept `/health`'s bundle under 1 MB.
 */
export const idempotencyHealth = once((): HealthCheck => {
  const table = config().tables.idempotency;
  return table
    ? new DynamoTableCheck('idempotency', { tableName: table, client: dynamoClient() })
    : new EmbeddedDatabaseCheck('idempotency', embeddedDatabase());
});
