import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { DatabaseSync } from 'node:sqlite';

/**
 * The embedded adapters' storage: one SQLite file under the data directory (or memory), from Node's own
 * `node:sqlite`, so the local runtime needs nothing installed. Writes are transactional, so Ctrl-C never
 * leaves a half-written record.
 */
export function openEmbeddedDatabase(options: { dataDir: string; inMemory: boolean }): DatabaseSync {
  const { DatabaseSync } = sqlite();
  if (options.inMemory) return configure(new DatabaseSync(':memory:'));
  mkdirSync(options.dataDir, { recursive: true });
  return configure(new DatabaseSync(path.join(options.dataDir, 'yggdrasil.db')));
}

/**
 * `node:sqlite`, loaded when a database is opened rather than when a bundle is: every function bundles the
 * embedded adapters beside the cloud ones, and loading the module prints Node's ExperimentalWarning for SQLite
 * on the next tick (~1.5–4.5 ms here), which a Lambda function, which never opens it, would pay at each cold start.
 */
function sqlite(): typeof import('node:sqlite') {
  return process.getBuiltinModule('node:sqlite');
}

function configure(database: DatabaseSync): DatabaseSync {
  database.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000;');
  return database;
}

/** Runs `work` in one transaction. */
export function transaction<T>(database: DatabaseSync, work: () => T): T {
  database.exec('BEGIN IMMEDIATE');
  try {
    const result = work();
    database.exec('COMMIT');
    return result;
  } catch (error) {
    database.exec('ROLLBACK');
    throw error;
  }
}
