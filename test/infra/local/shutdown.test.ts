import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
  process.env.YGG_IN_MEMORY = 'false';
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
});

import { resetConfig } from '#shared/config';
import { useEmbeddedAdapters } from './fixtures/embedded-adapters.ts';
import { closeContainer } from '#shared/container/lifecycle';
import { taskFunctions } from '#functions/manifest';
import { taskQueue } from '#shared/container/queues';
import { startLocalRuntime, type LocalRuntime } from '#infra/local/main';
import { hasFinished, journal } from './fixtures/journal.ts';
import { scriptedTask } from './fixtures/manifest.ts';

let dataDir: string;
let runtimes: LocalRuntime[];

/** A fresh start of the runtime on the same data directory, as after a restart of the process. */
async function start(options: { drainTimeoutMs?: number } = {}): Promise<LocalRuntime> {
  resetConfig();
  const runtime = await startLocalRuntime({ port: 0, manifest: [scriptedTask], ...options });
  runtimes.push(runtime);
  return runtime;
}

async function messagesOnQueue(): Promise<number> {
  const { visible, inFlight, deadLetters } = await taskQueue(taskFunctions.processDocuments).depth();
  return visible + inFlight + deadLetters;
}

beforeEach(() => {
  useEmbeddedAdapters();
  dataDir = mkdtempSync(path.join(tmpdir(), 'ygg-local-runtime-'));
  process.env.YGG_DATA_DIR = dataDir;
  journal.length = 0;
  runtimes = [];
});

afterEach(async () => {
  for (const runtime of runtimes) await runtime.stop();
  await closeContainer();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('stopping the local runtime', () => {
  it('waits for the task batch in flight to finish and deletes its records', async () => {
    const runtime = await start();
    await taskQueue(taskFunctions.processDocuments).send([
      JSON.stringify({ id: 'slow', outcome: 'succeed', delayMs: 300 }),
    ]);
    await vi.waitFor(() => expect(journal.map((entry) => entry.event)).toContain('started'));

    await runtime.stop();
    await start();

    expect(hasFinished('slow')).toBe(true);
    expect(await messagesOnQueue()).toBe(0);
  });

  it('leaves a record whose batch outlives the drain bound on the queue for after the restart', async () => {
    const runtime = await start({ drainTimeoutMs: 100 });
    await taskQueue(taskFunctions.processDocuments).send([
      JSON.stringify({ id: 'stuck', outcome: 'succeed', delayMs: 1_500 }),
    ]);
    await vi.waitFor(() => expect(journal.map((entry) => entry.event)).toContain('started'));

    await runtime.stop();
    await start();

    expect(hasFinished('stuck')).toBe(false);
    expect(await messagesOnQueue()).toBe(1);
  });
});
