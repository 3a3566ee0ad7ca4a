/**
 * One cold start: a fresh Node process imports one bundle and serves one event, the way the Lambda runtime
 * does at a cold start. Bundled to plain JS before use, so no TypeScript loader runs in the measured process.
 *
 * Usage: node cold-start-child.mjs <bundle.js|bundle.mjs> <event.json> <function name>
 */
import { readFileSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import { manifest } from '#functions/manifest';
import { lambdaContext } from '#infra/local/lambda-context';
import { REPORT_FD, type ColdStartReport } from './cold-start-protocol.ts';

type Handler = (event: unknown, context: Context) => Promise<unknown>;

async function coldStart(bundlePath: string, eventPath: string, functionName: string): Promise<ColdStartReport> {
  const event: unknown = JSON.parse(readFileSync(eventPath, 'utf8'));
  const importStart = performance.now();
  const { handler } = (await load(bundlePath)) as { handler: Handler };
  const importEnd = performance.now();
  const fn = manifest.find((candidate) => candidate.name === functionName) ?? manifest[0];
  if (!fn) throw new Error('The manifest is empty');
  const result = await handler(event, lambdaContext(fn, 'cold-start', Date.now() + fn.timeoutSeconds * 1000));
  const end = performance.now();
  return {
    ok: true,
    bootMs: importStart,
    importMs: importEnd - importStart,
    firstEventMs: end - importEnd,
    peakRssBytes: ownPeakRssBytes(),
    totalMs: end,
    ...describeResult(result),
  };
}

/**
 * This process's own peak RSS. Linux keeps `getrusage`'s `maxRSS` across `execve`, so a spawned child starts with
 * the peak of the forked bench parent (every function read 113 MB); `VmHWM` belongs to the new address space only.
 */
function ownPeakRssBytes(): number {
  const kib = /^VmHWM:\s+(\d+) kB$/m.exec(readProcStatus())?.[1];
  return kib === undefined ? process.resourceUsage().maxRSS * 1024 : Number(kib) * 1024;
}

function readProcStatus(): string {
  try {
    return readFileSync('/proc/self/status', 'utf8');
  } catch {
    return ''; // not Linux: maxRSS is the only peak there is
  }
}

/** As the Lambda runtime does: `require` for a CommonJS `.js` bundle, `import()` for an ES module. */
async function load(bundlePath: string): Promise<unknown> {
  if (bundlePath.endsWith('.mjs')) return import(pathToFileURL(bundlePath).href);
  return createRequire(import.meta.url)(bundlePath);
}

function describeResult(result: unknown): { statusCode?: number; failedRecords?: number } {
  if (typeof result !== 'object' || result === null) return {};
  const { statusCode, batchItemFailures } = result as { statusCode?: unknown; batchItemFailures?: unknown };
  if (typeof statusCode === 'number') return { statusCode };
  if (Array.isArray(batchItemFailures)) return { failedRecords: batchItemFailures.length };
  return {};
}

const [bundlePath, eventPath, functionName = 'bench'] = process.argv.slice(2);
let report: ColdStartReport;
try {
  if (!bundlePath || !eventPath) throw new Error('usage: cold-start-child <bundle.mjs> <event.json> <function name>');
  report = await coldStart(bundlePath, eventPath, functionName);
} catch (error) {
  report = { ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
}
writeSync(REPORT_FD, `${JSON.stringify(report)}\n`);
// Open handles (database, timers) must not keep the process: the measurement is over.
process.exit(0);
