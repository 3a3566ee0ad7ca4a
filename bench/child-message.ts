import { fork } from 'node:child_process';

/**
 * Runs a TypeScript script (through tsx) in its own process until it exits, and returns the one message it
 * sent over IPC. The child's stdout goes to the null device: what it writes there (log lines, EMF) costs it the
 * write, as on Lambda, but is not kept. A child that exits without a message, or fails, rejects with its stderr.
 */
export function runChildForMessage(
  script: string,
  env: NodeJS.ProcessEnv,
  cwd: string,
  timeoutMs: number,
): Promise<unknown> {
  // The variable the local runtime sets in this process for its invocation scopes (infra/local/invocation-scope.ts)
  // would make Powertools in a fresh child demand a scope store the child never made.
  const childEnv = { ...env };
  delete childEnv.AWS_LAMBDA_MAX_CONCURRENCY;
  const child = fork(script, [], {
    cwd,
    env: childEnv,
    execArgv: ['--disable-warning=ExperimentalWarning', '--import', 'tsx'],
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  return new Promise((resolve, reject) => {
    let message: { value: unknown } | undefined;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('message', (value: unknown) => (message ??= { value }));
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (message && code === 0) {
        resolve(message.value);
        return;
      }
      const why = timedOut ? `took over ${timeoutMs} ms` : `exited (${String(code ?? signal)})`;
      reject(new Error(`${script} ${why} without a result\n${stderr}`));
    });
  });
}
