import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import path from 'node:path';

export interface RunningRuntime {
  readonly url: string;
  readonly adapters: { graph: string; progress: string; queues: Record<string, string> };
  /** Every line the runtime wrote to stdout. */
  readonly lines: string[];
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL: the process dies at once, mid-work, as a crashed or reclaimed container does. */
  kill(): Promise<void>;
}

const root = path.resolve(import.meta.dirname, '../..');

/**
 * Starts the local runtime exactly as `npm start` does, in its own process, on a free port, and waits
 * for its startup line.
 */
export async function startRuntimeProcess(env: Record<string, string | undefined>): Promise<RunningRuntime> {
  const child = spawn(
    process.execPath,
    ['--disable-warning=ExperimentalWarning', '--import', 'tsx', 'infra/local/main.ts'],
    { cwd: root, env: { ...cleanEnv(), ...env, PORT: '0' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const lines: string[] = [];
  const stderr: string[] = [];
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  const started = new Promise<{ url: string; adapters: RunningRuntime['adapters'] }>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`runtime did not start in 60 s:\n${lines.join('\n')}\n${stderr.join('')}`)),
      60_000,
    );
    createInterface({ input: child.stdout }).on('line', (line) => {
      lines.push(line);
      const parsed = tryParse(line);
      if (parsed?.message === 'local runtime started') {
        clearTimeout(timer);
        resolve({ url: String(parsed.url), adapters: parsed.adapters as RunningRuntime['adapters'] });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`runtime exited with ${code}:\n${lines.join('\n')}\n${stderr.join('')}`));
    });
  });
  const { url, adapters } = await started;
  return { url, adapters, lines, stop: () => stopChild(child), kill: () => killChild(child) };
}

/** The parent's environment without anything that would point the runtime at a service by accident. */
function cleanEnv(): Record<string, string | undefined> {
  return Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(NEO4J_|PROGRESS_|QUEUE_URL_|YGG_|AWS_)/.test(name)),
  );
}

function stopChild(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}

function killChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

function tryParse(line: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(line) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}
