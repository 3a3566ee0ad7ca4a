import { config } from '#shared/config';
import { DynamoProgressStore } from '#shared/adapters/dynamodb/progress-store';
import { EmbeddedProgressStore } from '#shared/adapters/embedded/progress-store';
import type { ProgressStore } from '#shared/ports/progress-store';
import { embeddedDatabase } from './embedded-database.ts';
import { onRelease } from './lifecycle.ts';

let store: ProgressStore | undefined;

/** DynamoDB when `PROGRESS_TABLE` is set, else the embedded store. */
export function progressStore(): ProgressStore {
  if (!store) {
    const table = config().progress.table;
    store = table ? new DynamoProgressStore({ tableName: table }) : new EmbeddedProgressStore({ database: embeddedDatabase() });
    onRelease(() => {
      store = undefined;
    });
  }
  return store;
}
