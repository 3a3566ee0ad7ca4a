import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  manifest as projectManifest,
  type FunctionDefinition,
  type HttpFunction,
  type TaskFunction,
  type TaskType,
} from '#functions/manifest';
import { config } from '#shared/config';
import { graphStore } from '#shared/container/graph';
import { bootstrap } from '#shared/container/bootstrap';
import type { FirstAdminOutcome } from '#shared/auth/first-admin';
import { closeContainer } from '#shared/container/lifecycle';
import { progressStore } from '#shared/container/progress';
import { taskQueue } from '#shared/container/queues';
import type { ConsumableQueue } from '#shared/ports/task-queue';
import { handlerLoader } from './handler-modules.ts';
import { createLocalHttpServer } from './http-server.ts';
import { startQueueDriver } from './queue-driver.ts';
import { runtimeLogger } from './runtime-logger.ts';

export interface LocalRuntimeOptions {
  /** 0 picks a free port. @default 3000 */
  readonly port?: number;
  /** @default '127.0.0.1' */
  readonly host?: string;
  /** @default the project's manifest */
  readonly manifest?: readonly FunctionDefinition[];
  /** How long a stop waits for requests and task batches in flight. @default 10000 */
  readonly drainTimeoutMs?: number;
  /** The queue a task function consumes. @default the container's `taskQueue(fn)` */
  readonly queueFor?: (fn: TaskFunction) => ConsumableQueue;
}

/** Where each port is served from, for the startup line. */
export interface RuntimeDescription {
  readonly storage: { readonly dataDir: string } | 'in-memory';
  readonly adapters: {
    readonly graph: string;
    readonly progress: string;
    readonly queues: Partial<Record<TaskType, string>>;
  };
}

export interface LocalRuntime extends RuntimeDescription {
  readonly url: string;
  /** Set when this start created the first admin; `generatedPassword` only when it made one up. */
  readonly firstAdmin: FirstAdminOutcome;
  /** Stops accepting work, waits (bounded) for work in flight, then closes every adapter. Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * The manifest's functions on a laptop: HTTP functions behind a local API Gateway, task functions driven
 * from their queues, with the exact handlers Lambda runs.
 *
 * @example
 * const runtime = await startLocalRuntime({ port: 0 });
 * await fetch(`${runtime.url}/health`);
 * await runtime.stop();
 */
export async function startLocalRuntime(options: LocalRuntimeOptions = {}): Promise<LocalRuntime> {
  const functions = options.manifest ?? projectManifest;
  const queueFor = options.queueFor ?? ((fn: TaskFunction) => taskQueue(fn));
  const { firstAdmin } = await bootstrap();
  const graph = await graphStore();

  const loadHandler = handlerLoader();
  const http = createLocalHttpServer({
    functions: functions.filter((fn): fn is HttpFunction => fn.kind === 'http'),
    loadHandler,
  });
  const url = await http.listen(options.port ?? 3000, options.host ?? '127.0.0.1').catch(async (error: unknown) => {
    await closeContainer(); // nothing else has started yet
    throw error;
  });
  const tasks = functions.filter((fn): fn is TaskFunction => fn.kind === 'task');
  const queues = tasks.map((fn) => [fn, queueFor(fn)] as const);
  const drivers = queues.map(([fn, queue]) => startQueueDriver({ fn, queue, loadHandler }));

  const settings = config();
  const description: RuntimeDescription = {
    storage: settings.inMemory ? 'in-memory' : { dataDir: path.resolve(settings.dataDir) },
    adapters: {
      graph: graph.adapter,
      progress: progressStore().adapter,
      queues: Object.fromEntries(queues.map(([fn, queue]) => [fn.task, queue.adapter])),
    },
  };

  const drainTimeoutMs = options.drainTimeoutMs ?? 10_000;
  let stopped: Promise<void> | undefined;
  const stop = async (): Promise<void> => {
    const drained = Promise.all([http.stop(), ...drivers.map((driver) => driver.stop())]).then(() => true);
    const finished = await Promise.race([drained, sleep(drainTimeoutMs, false)]);
    if (!finished) {
      runtimeLogger.warn(
        'stopping with work still in flight; unfinished task records come back after their visibility timeout',
        {
          drainTimeoutMs,
        },
      );
    }
    http.closeConnections();
    await closeContainer();
  };
  return { url, ...description, firstAdmin, stop: () => (stopped ??= stop()) };
}
