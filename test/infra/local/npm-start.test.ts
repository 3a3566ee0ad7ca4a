import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type Server } from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');
const started: ChildProcess[] = [];

/** `npm start` as a user or a process manager runs it, on embedded in-memory adapters. */
function npmStart(env: Record<string, string>): ChildProcess {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(NEO4J_|PROGRESS_|QUEUE_URL_|YGG_|AWS_|.*_TABLE$)/.test(name)),
  );
  const child = spawn('npm', ['start'], {
    cwd: root,
    env: {
      ...clean,
      YGG_IN_MEMORY: 'true',
      POWERTOOLS_LOG_LEVEL: 'INFO',
      ADMIN_USERNAME: 'admin',
      ADMIN_PASSWORD: 'a-long-enough-password',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  return child;
}

function lineMatching(child: ChildProcess, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    const lines: string[] = [];
    const timer = setTimeout(() => reject(new Error(`no line matching ${pattern}:\n${lines.join('\n')}`)), 60_000);
    for (const stream of [child.stdout, child.stderr]) {
      if (!stream) continue;
      createInterface({ input: stream }).on('line', (line) => {
        lines.push(line);
        if (pattern.test(line)) {
          clearTimeout(timer);
          resolve(line);
        }
      });
    }
  });
}

/** The processes whose parent is `pid`. */
function childrenOf(pid: number): number[] {
  try {
    return execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map(Number);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

afterEach(() => {
  for (const child of started.splice(0)) {
    if (child.pid !== undefined)
      for (const pid of childrenOf(child.pid)) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
    child.kill('SIGKILL');
  }
});

describe('npm start', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)(
    'stops the runtime and leaves no node process behind when the npm process gets %s',
    async (signal) => {
      const npm = npmStart({ PORT: '0' });
      await lineMatching(npm, /local runtime started/);
      const runtimes = childrenOf(npm.pid ?? -1);
      const exited = once(npm, 'exit');

      npm.kill(signal);
      await exited;

      expect(runtimes).toHaveLength(1);
      await expect.poll(() => runtimes.filter(isAlive), { timeout: 10_000 }).toEqual([]);
    },
  );

  it('names the PORT setting when the port is taken', async () => {
    const taken: Server = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const address = taken.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    try {
      const npm = npmStart({ PORT: String(port) });
      const exited = once(npm, 'exit');

      const line = await lineMatching(npm, /already in use/);
      const [code] = (await exited) as [number | null];

      expect(line).toContain(`Port ${port} on 127.0.0.1 is already in use: set PORT to a free port`);
      expect(code).not.toBe(0);
    } finally {
      taken.close();
    }
  });
});
