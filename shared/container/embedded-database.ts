import type { DatabaseSync } from 'node:sqlite';
import { config } from '#shared/config';
import { openEmbeddedDatabase } from '#shared/adapters/embedded/database';
import { onRelease } from './lifecycle.ts';

let database: DatabaseSync | undefined;

/** The one embedded database of this process, opened on first use. */
export function embeddedDatabase(): DatabaseSync {
  if (!database) {
    const { dataDir, inMemory } = config();
    const opened = openEmbeddedDatabase({ dataDir, inMemory });
    database = opened;
    onRelease(() => {
      database = undefined;
      opened.close();
    });
  }
  return database;
}
