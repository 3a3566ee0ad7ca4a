import { config } from '#shared/config';
import { DynamoProgressStore } from '#shared/adapters/dynamodb/progress-store';
import { EmbeddedProgressStore } from '#shared/adapters/embedded/progress-store';
import type { ProgressStore } from '#shared/ports/progress-store';
import { embeddedDatabase } from './embedded-database.ts';
import { once } from './lifecycle.ts';
import { dynamoDocumentClient } from './aws-clients.ts';

/** DynamoDB when `PROGRESS_TABLE` is set, else the embedded store. */
export const progressStore = once((): ProgressStore => {
  const { table, ttlSeconds } = config().progress;
  return table
    ? new DynamoProgressStore({ tableName: table, ttlSeconds, client: dynamoDocumentClient() })
    : new EmbeddedProgressStore({ database: embeddedDatabase() });
});
