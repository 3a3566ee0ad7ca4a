import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TaskType } from '#functions/manifest';
import { openEmbeddedDatabase } from '#shared/adapters/embedded/database';
import { EmbeddedTaskQueue } from '#shared/adapters/embedded/task-queue';
import { describeTaskQueueContract } from '../../../contracts/task-queue.contract.ts';

describeTaskQueueContract('embedded', (settings) => {
  const database = openEmbeddedDatabase({ dataDir: '', inMemory: true });
  const queue = new EmbeddedTaskQueue({ database, task: 'process-documents', ...settings });
  return Promise.resolve({ queue, cleanup: () => database.close() });
});

describe('EmbeddedTaskQueue on disk', () => {
  const dataDirs: string[] = [];
  const settings = { task: 'process-documents', visibilityTimeoutSeconds: 30, maxReceiveCount: 2 } as const;

  function newDataDir(): string {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'yggdrasil-queue-'));
    dataDirs.push(dataDir);
    return dataDir;
  }

  afterEach(() => {
    for (const dataDir of dataDirs.splice(0)) rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps sent messages when the database is closed and opened again', async () => {
    // Prepare
    const dataDir = newDataDir();
    const before = openEmbeddedDatabase({ dataDir, inMemory: false });
    await new EmbeddedTaskQueue({ database: before, ...settings }).send(['survives a restart']);
    before.close();
    // Act
    const after = openEmbeddedDatabase({ dataDir, inMemory: false });
    const received = await new EmbeddedTaskQueue({ database: after, ...settings }).receive(10, 0);
    after.close();
    // Assess
    expect(received.map((message) => message.body)).toEqual(['survives a restart']);
  });

  it('delivers a message that was in flight at a restart again once its visibility timeout passes', async () => {
    // Prepare
    const dataDir = newDataDir();
    let now = Date.parse('2025-01-01T00:00:00Z');
    const clock = (): number => now;
    const before = openEmbeddedDatabase({ dataDir, inMemory: false });
    const crashed = new EmbeddedTaskQueue({ database: before, clock, ...settings });
    await crashed.send(['was being processed']);
    await crashed.receive(1, 0);
    before.close();
    const after = openEmbeddedDatabase({ dataDir, inMemory: false });
    const restarted = new EmbeddedTaskQueue({ database: after, clock, ...settings });
    // Act
    const beforeTimeout = await restarted.receive(1, 0);
    now += 30_000;
    const afterTimeout = await restarted.receive(1, 0);
    after.close();
    // Assess
    expect(beforeTimeout).toEqual([]);
    expect(afterTimeout).toMatchObject([{ body: 'was being processed', receiveCount: 2 }]);
  });

  it('keeps each queue of a shared database to itself', async () => {
    // Prepare
    const database = openEmbeddedDatabase({ dataDir: '', inMemory: true });
    const documents = new EmbeddedTaskQueue({ database, ...settings });
    // The manifest has one task type today; a cast stands in for a second one.
    const other = new EmbeddedTaskQueue({ database, ...settings, task: 'scrape-urls' as unknown as TaskType });
    await other.send(['for the other queue']);
    // Act
    const received = await documents.receive(10, 0);
    database.close();
    // Assess
    expect(received).toEqual([]);
  });
});

describe('EmbeddedTaskQueue on an older or damaged database', () => {
  const settings = { task: 'process-documents', visibilityTimeoutSeconds: 30, maxReceiveCount: 2 } as const;

  it('adds the dead-letter reason column to a database made before dead letters had reasons', async () => {
    // Prepare
    const database = openEmbeddedDatabase({ dataDir: '', inMemory: true });
    database.exec(`CREATE TABLE queue_messages (
      seq INTEGER PRIMARY KEY, queue TEXT NOT NULL, message_id TEXT NOT NULL UNIQUE, body TEXT NOT NULL,
      sent_at INTEGER NOT NULL, visible_at INTEGER NOT NULL, receive_count INTEGER NOT NULL DEFAULT 0,
      first_received_at INTEGER, receipt_handle TEXT UNIQUE, dead_lettered_at INTEGER)`);

    // Act
    const queue = new EmbeddedTaskQueue({ database, ...settings });
    await queue.deadLetter('{"taskId":', 'malformed body');

    // Assess
    expect((await queue.deadLetters(10)).map((letter) => letter.reason)).toEqual(['malformed body']);
    database.close();
  });

  it('stores nothing for an empty send', async () => {
    const database = openEmbeddedDatabase({ dataDir: '', inMemory: true });
    const queue = new EmbeddedTaskQueue({ database, ...settings });
    await queue.send([]);
    expect(await queue.depth()).toEqual({ visible: 0, inFlight: 0, deadLetters: 0 });
    database.close();
  });

  it('refuses a stored message whose columns are not what it wrote, naming the column', async () => {
    // Prepare
    const database = openEmbeddedDatabase({ dataDir: '', inMemory: true });
    const queue = new EmbeddedTaskQueue({ database, ...settings });
    await queue.send(['fine']);
    database.prepare("UPDATE queue_messages SET sent_at = 'yesterday'").run();

    // Act
    const receive = queue.receive(1, 0);

    // Assess
    await expect(receive).rejects.toThrow('Column sent_at of queue_messages is string, not an integer');
    database.close();
  });
});
