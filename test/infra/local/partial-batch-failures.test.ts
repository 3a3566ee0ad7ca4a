import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
  process.env.YGG_IN_MEMORY = 'true';
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
});

import type { DatabaseSync } from 'node:sqlite';
import type { TaskFunction } from '#functions/manifest';
import { openEmbeddedDatabase } from '#shared/adapters/embedded/database';
import { EmbeddedTaskQueue } from '#shared/adapters/embedded/task-queue';
import { startLocalRuntime, type LocalRuntime } from '#infra/local/main';
import { useEmbeddedAdapters } from './fixtures/embedded-adapters.ts';
import { deliveriesOf, journal } from './fixtures/journal.ts';
import { scriptedTask } from './fixtures/manifest.ts';

let database: DatabaseSync;
let queue: EmbeddedTaskQueue;
let runtime: LocalRuntime;

// The fixture's own queue settings (0.2 s visibility, 3 receives), which the container's queue would not use.
function queueFor(fn: TaskFunction): EmbeddedTaskQueue {
  queue = new EmbeddedTaskQueue({
    database,
    task: fn.task,
    visibilityTimeoutSeconds: fn.queue.visibilityTimeoutSeconds,
    maxReceiveCount: fn.queue.maxReceiveCount,
  });
  return queue;
}

const good = JSON.stringify({ id: 'good', outcome: 'succeed' });
const bad = JSON.stringify({ id: 'bad', outcome: 'fail' });

beforeEach(async () => {
  useEmbeddedAdapters();
  journal.length = 0;
  database = openEmbeddedDatabase({ dataDir: '', inMemory: true });
  runtime = await startLocalRuntime({ port: 0, manifest: [scriptedTask], queueFor });
});

afterEach(async () => {
  await runtime.stop();
  database.close();
});

describe('a task batch with a failed record', () => {
  it('delivers the failed record again', async () => {
    await queue.send([good, bad]);

    await vi.waitFor(() => expect(deliveriesOf('bad')).toContain(2), { timeout: 5_000 });

    expect(deliveriesOf('bad').slice(0, 2)).toEqual([1, 2]);
  });

  it('moves a record that keeps failing to the dead letters after maxReceiveCount deliveries', async () => {
    await queue.send([good, bad]);

    await vi.waitFor(async () => expect((await queue.depth()).deadLetters).toBe(1), { timeout: 5_000 });

    expect(deliveriesOf('bad')).toEqual([1, 2, 3]);
  });

  it('deletes the processed record after its one delivery', async () => {
    await queue.send([good, bad]);

    await vi.waitFor(async () => expect((await queue.depth()).deadLetters).toBe(1), { timeout: 5_000 });

    expect(deliveriesOf('good')).toEqual([1]);
    expect(await queue.depth()).toEqual({ visible: 0, inFlight: 0, deadLetters: 1 });
  });
});
