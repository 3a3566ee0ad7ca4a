import path from 'node:path';
import { httpFunctions } from '#functions/manifest';
import { LAMBDA_POWERTOOLS_ENV } from './lambda-bundling.ts';
import type { WarmSection } from './results.ts';
import { sampleRequestFor } from './sample-events.ts';
import { startServerProcess, type ServerProcess } from './server-process.ts';
import { measureWarmLatency, type WarmOptions, type WarmTarget } from './warm-latency.ts';

/** Embedded, in-memory adapters and nothing that points at a network service. */
function serverEnv(): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    TZ: ':UTC',
    ...LAMBDA_POWERTOOLS_ENV,
    POWERTOOLS_METRICS_DISABLED: 'true',
    YGG_IN_MEMORY: 'true',
  };
}

/**
 * Starts the bare node:http baseline and the local runtime, each in its own process, measures them and stops
 * them. A local runtime that does not start is reported in `unavailable`, not thrown: the rest of the run stands.
 */
export async function measureWarmServers(projectRoot: string, options: WarmOptions): Promise<WarmSection> {
  const script = (name: string): string => path.join(projectRoot, 'bench', 'servers', name);
  const bare = await startServerProcess(script('bare-http-server.ts'), serverEnv(), projectRoot);
  let runtime: ServerProcess | undefined;
  try {
    const baseline: WarmTarget = {
      name: 'GET / (ok)',
      server: 'baseline',
      url: bare.url,
      method: 'GET',
      expectedStatus: 200,
    };
    try {
      runtime = await startServerProcess(script('local-runtime-server.ts'), serverEnv(), projectRoot);
    } catch (error) {
      const reason = error instanceof Error ? error.message.split('\n').slice(0, 3).join(' ') : String(error);
      return { unavailable: `the local runtime did not start (${reason})`, results: [] };
    }
    return { results: await measureWarmLatency([baseline, ...localRuntimeTargets(runtime.url)], options) };
  } finally {
    await Promise.all([bare.stop(), runtime?.stop()]);
  }
}

function localRuntimeTargets(baseUrl: string): WarmTarget[] {
  const health = sampleRequestFor(httpFunctions.health);
  const documents = sampleRequestFor(httpFunctions.submitDocuments);
  return [
    {
      name: health.routeKey,
      server: 'local-runtime',
      url: new URL(health.path, baseUrl).href,
      method: health.method,
      expectedStatus: 200,
    },
    {
      name: documents.routeKey,
      server: 'local-runtime',
      url: new URL(documents.path, baseUrl).href,
      method: documents.method,
      ...(documents.body !== undefined && { body: documents.body }),
      headers: { 'content-type': 'application/json' },
      expectedStatus: 202,
    },
  ];
}
