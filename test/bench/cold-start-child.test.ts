import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleFunction } from '../../bench/bundle.ts';
import { buildColdStartChild } from '../../bench/cold-start.ts';
import { REPORT_FD, type ColdStartReport } from '../../bench/cold-start-protocol.ts';
import { BASELINE } from '../../bench/subjects.ts';

const PROJECT_ROOT = path.resolve(import.meta.dirname, '../..');
const MIB = 2 ** 20;

/** Runs the cold-start child on `bundlePath` and returns the report it writes on its report descriptor. */
function coldStart(childScript: string, bundlePath: string, eventPath: string): Promise<ColdStartReport> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [childScript, bundlePath, eventPath, 'baseline'], {
      stdio: ['ignore', 'ignore', 'inherit', 'pipe'],
    });
    let report = '';
    (child.stdio[REPORT_FD] as Readable).on('data', (chunk: Buffer) => (report += chunk.toString()));
    child.on('error', reject);
    child.on('close', () => resolve(JSON.parse(report) as ColdStartReport));
  });
}

describe('the cold-start child', () => {
  let workDir: string;
  let childScript: string;
  let bundlePath: string;
  let eventPath: string;

  beforeAll(async () => {
    workDir = await mkdtemp(path.join(tmpdir(), 'cold-start-child-'));
    childScript = await buildColdStartChild(PROJECT_ROOT, workDir);
    ({ bundlePath } = await bundleFunction(BASELINE, PROJECT_ROOT, workDir));
    eventPath = path.join(workDir, 'event.json');
    await writeFile(eventPath, '{}');
  }, 60_000);

  afterAll(async () => {
    await rm(workDir, { recursive: true, force: true });
  });

  it('reports its own peak RSS, not the larger one of the process that spawned it', async () => {
    // Prepare: a parent far larger than a hello-world child (Linux keeps maxRSS across execve).
    const ballast = Buffer.alloc(384 * MIB, 1);

    // Act
    const report = await coldStart(childScript, bundlePath, eventPath);

    // Assess
    expect(process.resourceUsage().maxRSS * 1024).toBeGreaterThan(ballast.length);
    expect(report.ok && report.peakRssBytes).toBeLessThan(192 * MIB);
  });
});
