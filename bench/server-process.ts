import { fork } from 'node:child_process';

export interface ServerProcess {
  readonly url: string;
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;

/**
 * Runs a server script (TypeScript, through tsx) in its own process and waits for it to send `{ url }` over IPC.
 * Stopping disconnects the IPC channel, which the script takes as its cue to close; it is killed if it lingers.
 */
export function startServerProcess(script: string, env: NodeJS.ProcessEnv, cwd: string): Promise<ServerProcess> {
  const child = fork(script, [], {
    cwd,
    env,
    execArgv: ['--disable-warning=ExperimentalWarning', '--import', 'tsx'],
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    if (child.connected) child.disconnect();
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  };

  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outcome();
    };
    const fail = (why: string): void =>
      settle(() => {
        void stop();
        reject(new Error(`${script} did not start: ${why}\n${stderr}`));
      });
    const timer = setTimeout(() => fail(`no URL within ${START_TIMEOUT_MS} ms`), START_TIMEOUT_MS);
    child.once('error', (error) => fail(error.message));
    child.once('exit', (code, signal) => fail(`exited (${String(code ?? signal)})`));
    child.once('message', (message: unknown) => {
      const url = (message as { url?: unknown } | null)?.url;
      if (typeof url === 'string') settle(() => resolve({ url, stop }));
      else fail(`sent ${JSON.stringify(message)} instead of { url }`);
    });
  });
}
