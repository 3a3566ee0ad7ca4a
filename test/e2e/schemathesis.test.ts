import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
  process.env.YGG_IN_MEMORY = 'true';
  process.env.PASSWORD_HASH_COST = '4';
  // A fuzzer sends thousands of requests a minute: the limits are raised so it reaches the handlers.
  process.env.RATE_LIMIT_PRINCIPAL = '1000000/60';
  process.env.RATE_LIMIT_TOKEN_IP = '1000000/60';
  process.env.RATE_LIMIT_TOKEN_USER = '1000000/60';
  process.env.RATE_LIMIT_TOKEN_USER_IP = '1000000/60';
  process.env.RATE_LIMIT_ANONYMOUS = '1000000/60';
});

import { startLocalRuntime, type LocalRuntime } from '#infra/local/main';
import { useEmbeddedAdapters } from '../infra/local/fixtures/embedded-adapters.ts';
import { ensurePythonToolsInstalled, SCHEMATHESIS_BIN } from '../services/servers.ts';
import { authHeaders } from '../support/auth.ts';

const root = path.resolve(import.meta.dirname, '../..');
const configDir = path.join(import.meta.dirname, 'schemathesis');
const logFile = path.join(root, '.cache', 'logs', 'schemathesis.log');
/** Its working directory: schemathesis keeps a cache of found crashes there. */
const workDir = path.join(root, '.cache', 'schemathesis');

/** Bounded so the run takes a minute or two on two cores; the seed makes a failure reproducible. */
const MAX_EXAMPLES = 25;
const SEED = 20261128;

let runtime: LocalRuntime;

beforeAll(async () => {
  useEmbeddedAdapters();
  await ensurePythonToolsInstalled();
  runtime = await startLocalRuntime({ port: 0 });
}, 600_000);

afterAll(async () => {
  await runtime.stop();
});

function schemathesis(args: readonly string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    mkdirSync(workDir, { recursive: true });
    const child = spawn(SCHEMATHESIS_BIN, args, {
      cwd: workDir,
      env: { ...process.env, PYTHONPATH: configDir, SCHEMATHESIS_HOOKS: 'hooks', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, output: Buffer.concat(chunks).toString('utf8') }));
  });
}

describe('schemathesis against the OpenAPI document of the local runtime', () => {
  it('finds no response that breaks the document, with every check', async () => {
    const { authorization } = await authHeaders('admin');

    const { code, output } = await schemathesis([
      '--config-file',
      path.join(configDir, 'schemathesis.toml'),
      'run',
      `${runtime.url}/openapi.json`,
      '--checks',
      'all',
      // The coverage phase does not apply the hooks, which teach it what a schema cannot say (hooks.py).
      '--phases',
      'examples,fuzzing,stateful',
      '--header',
      `Authorization: ${authorization ?? ''}`,
      '--max-examples',
      String(MAX_EXAMPLES),
      '--seed',
      String(SEED),
      '--workers',
      '2',
    ]);
    mkdirSync(path.dirname(logFile), { recursive: true });
    writeFileSync(logFile, output);

    const summary = output
      .split('\n')
      .filter((line) => /failures?|passed|errors?\b/i.test(line))
      .slice(-3);
    expect({ code, summary }, `schemathesis found failures; the whole report is in ${logFile}`).toMatchObject({
      code: 0,
    });
  }, 300_000);
});
