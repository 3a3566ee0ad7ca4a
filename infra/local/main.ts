import './metrics-default.ts';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startLocalRuntime, type LocalRuntime } from './runtime.ts';
import { runtimeLogger } from './runtime-logger.ts';

export { startLocalRuntime, type LocalRuntime, type LocalRuntimeOptions } from './runtime.ts';

/**
 * `npm start`: the local runtime on PORT (default 3000) and HOST (default 127.0.0.1), on the embedded
 * adapters unless configuration names real services. Ctrl-C or SIGTERM stops it cleanly, exit code 0.
 */
async function main(): Promise<void> {
  let runtime: LocalRuntime;
  const host = process.env.HOST || '127.0.0.1';
  let port = 3000;
  try {
    port = portSetting(process.env.PORT);
    runtime = await startLocalRuntime({ port, host });
  } catch (error) {
    const unavailable = listenFailure(error, port, host);
    if (unavailable !== undefined) {
      runtimeLogger.error('local runtime could not start', { reason: unavailable });
      process.stderr.write(`\n${unavailable}\n\n`);
    } else {
      runtimeLogger.error('local runtime could not start', { error: error as Error });
    }
    process.exit(1);
  }
  const { url, storage, adapters, firstAdmin } = runtime;
  if (firstAdmin.generatedPassword !== undefined) {
    // Shown once, on the terminal, never through the logger: it is stored nowhere but in its hash.
    process.stderr.write(
      `\nFirst start: created the admin account '${firstAdmin.username}' with the password\n\n    ${firstAdmin.generatedPassword}\n\n` +
        'It will not be shown again. Set ADMIN_USERNAME and ADMIN_PASSWORD to choose your own.\n\n',
    );
  }
  runtimeLogger.info('local runtime started', {
    url,
    port: Number(new URL(url).port),
    storage,
    adapters,
    admin: firstAdmin.username,
  });

  let stopping = false;
  const stopOn = (signal: NodeJS.Signals): void => {
    if (stopping) {
      runtimeLogger.warn('second signal: exiting without waiting for work in flight', { signal });
      process.exit(1);
    }
    stopping = true;
    runtimeLogger.info('local runtime stopping', { signal });
    // An explicit exit: a timed-out invocation may still hold the event loop open, as a frozen Lambda would not.
    runtime.stop().then(
      () => {
        runtimeLogger.info('local runtime stopped');
        process.exit(0);
      },
      (error: unknown) => {
        runtimeLogger.error('local runtime did not stop cleanly', { error: error as Error });
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stopOn);
  process.on('SIGTERM', stopOn);
}

function portSetting(value: string | undefined): number {
  if (value === undefined || value === '') return 3000;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new RangeError(`PORT must be a whole number from 0 to 65535, got '${value}'`);
  }
  return port;
}

/** What to change when the address cannot be listened on, naming the setting; undefined for other failures. */
function listenFailure(error: unknown, port: number, host: string): string | undefined {
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  if (code === 'EADDRINUSE') {
    return `Port ${port} on ${host} is already in use: set PORT to a free port (e.g. PORT=${port + 1} npm start), or stop what listens there.`;
  }
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return `Cannot listen on HOST ${host}: set HOST to an address of this machine (e.g. HOST=127.0.0.1).`;
  }
  if (code === 'EACCES') {
    return `Not allowed to listen on port ${port}: set PORT to 1024 or above (e.g. PORT=3000).`;
  }
  return undefined;
}

function isEntryPoint(): boolean {
  const script = process.argv[1];
  return script !== undefined && import.meta.url === pathToFileURL(path.resolve(script)).href;
}

if (isEntryPoint()) await main();
