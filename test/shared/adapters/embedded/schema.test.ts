import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { openEmbeddedDatabase } from '#shared/adapters/embedded/database';
import { EMBEDDED_SCHEMA_VERSION, ensureEmbeddedSchema, schemaVersion } from '#shared/adapters/embedded/schema';
import { EmbeddedTaskQueue } from '#shared/adapters/embedded/task-queue';
import { EmbeddedUserStore } from '#shared/adapters/embedded/user-store';

const opened: DatabaseSync[] = [];
const dirs: string[] = [];

function inMemory(): DatabaseSync {
  const database = openEmbeddedDatabase({ dataDir: '', inMemory: true });
  opened.push(database);
  return database;
}

function tables(database: DatabaseSync): string[] {
  return database
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
    .all()
    .map((row) => String(row.name));
}

function columns(database: DatabaseSync, table: string): string[] {
  return database
    .prepare(`SELECT name FROM pragma_table_info('${table}')`)
    .all()
    .map((row) => String(row.name));
}

afterEach(() => {
  for (const database of opened.splice(0)) database.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('ensureEmbeddedSchema', () => {
  it('gives a new database every table of the embedded stores and the current version', () => {
    // Prepare
    const database = inMemory();

    // Act
    ensureEmbeddedSchema(database);

    // Assess
    expect(tables(database)).toEqual(
      expect.arrayContaining(['users', 'api_keys', 'secrets', 'audit', 'progress', 'queue_messages', 'concepts']),
    );
    expect(tables(database)).toEqual(expect.arrayContaining(['documents', 'entities', 'vector_points', 'cache']));
    expect(schemaVersion(database)).toBe(EMBEDDED_SCHEMA_VERSION);
  });

  it('migrates a file from before the version was kept, keeping its rows and adding the columns it lacks', () => {
    // Prepare: the users and queue tables as releases before the counters and dead-letter reasons made them
    const database = inMemory();
    database.exec(
      `CREATE TABLE users (username TEXT PRIMARY KEY, role TEXT NOT NULL, passwordHash TEXT NOT NULL,
        disabled INTEGER NOT NULL, createdAt TEXT NOT NULL, updatedAt TEXT NOT NULL);
       INSERT INTO users VALUES ('ada', 'admin', 'h', 0, '2030-01-01T00:00:00.000Z', '2030-01-01T00:00:00.000Z');
       CREATE TABLE queue_messages (seq INTEGER PRIMARY KEY, queue TEXT NOT NULL, message_id TEXT NOT NULL UNIQUE,
        body TEXT NOT NULL, sent_at INTEGER NOT NULL, visible_at INTEGER NOT NULL,
        receive_count INTEGER NOT NULL DEFAULT 0, first_received_at INTEGER, receipt_handle TEXT UNIQUE,
        dead_lettered_at INTEGER);
       CREATE TABLE vector_points (domain TEXT NOT NULL, id TEXT NOT NULL, model TEXT NOT NULL,
        document_id TEXT NOT NULL, payload TEXT NOT NULL, vector BLOB NOT NULL, PRIMARY KEY (domain, id));`,
    );

    // Act
    ensureEmbeddedSchema(database);

    // Assess
    expect(columns(database, 'users')).toEqual(expect.arrayContaining(['tokenVersion', 'loginGeneration']));
    expect(columns(database, 'queue_messages')).toContain('dead_letter_reason');
    expect(columns(database, 'vector_points')).toContain('keywords');
    expect(database.prepare('SELECT username, tokenVersion FROM users').all()).toEqual([
      { username: 'ada', tokenVersion: 0 },
    ]);
    expect(tables(database)).toContain('api_keys');
    expect(schemaVersion(database)).toBe(EMBEDDED_SCHEMA_VERSION);
  });

  it('runs no DDL on a file already at the current version', () => {
    // Prepare: a file that says it is current (here without tables, so any DDL would show)
    const database = inMemory();
    database.exec(`PRAGMA user_version = ${EMBEDDED_SCHEMA_VERSION}`);

    // Act
    ensureEmbeddedSchema(database);

    // Assess
    expect(tables(database)).toEqual([]);
  });

  it('keeps the migrated schema in the file, so the next process opening it finds it current', async () => {
    // Prepare
    const dataDir = mkdtempSync(path.join(tmpdir(), 'ygg-schema-'));
    dirs.push(dataDir);
    const first = openEmbeddedDatabase({ dataDir, inMemory: false });
    await new EmbeddedUserStore({ database: first }).create({
      username: 'ada',
      role: 'admin',
      passwordHash: 'h',
      disabled: false,
      createdAt: '2030-01-01T00:00:00.000Z',
      updatedAt: '2030-01-01T00:00:00.000Z',
      tokenVersion: 0,
      loginGeneration: 0,
    });
    first.close();

    // Act
    const second = openEmbeddedDatabase({ dataDir, inMemory: false });
    opened.push(second);

    // Assess: the queue's table exists although no queue was made on the first connection
    expect(schemaVersion(second)).toBe(EMBEDDED_SCHEMA_VERSION);
    expect(tables(second)).toContain('queue_messages');
    const queue = new EmbeddedTaskQueue({
      database: second,
      task: 'process-documents',
      visibilityTimeoutSeconds: 30,
      maxReceiveCount: 3,
    });
    await expect(queue.depth()).resolves.toMatchObject({ deadLetters: 0 });
  });
});
