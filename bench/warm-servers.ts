import path from 'node:path';
import { httpFunctions } from '#functions/manifest';
import { bearerAuthorization } from './access-token.ts';
import { benchAdminEnv } from './bench-admin.ts';
import { LAMBDA_POWERTOOLS_ENV } from './lambda-bundling.ts';
import type { WarmSection } from './results.ts';
import { sampleRequestFor } from './sample-events.ts';
import { startServerProcess, type ServerProcess } from './server-process.ts';
import { measureWarmLatency, type WarmOptions, type WarmTarget } from './warm-latency.ts';

/**
 * Embedded, in-memory adapters and nothing that points at a network service, with the bench's admin (who
 * logs in at `POST /token`) and the bench's per-principal rate limit; `extra` adds or overrides settings.
 */
export function serverEnv(extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    TZ: ':UTC',
    ...LAMBDA_POWERTOOLS_ENV,
    POWERTOOLS_METRICS_DISABLED: 'true',
    YGG_IN_MEMORY: 'true',
    ...benchAdminEnv(),
    ...extra,
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
      return { unavailable: `the local runtime did not start (${firstLines(error)})`, results: [] };
    }
    let authorization: string;
    try {
      authorization = await bearerAuthorization(runtime.url);
    } catch (error) {
      return { unavailable: `the bench could not log in (${firstLines(error)})`, results: [] };
    }
    return {
      results: await measureWarmLatency([baseline, ...localRuntimeTargets(runtime.url, authorization)], options),
    };
  } finally {
    await Promise.all([bare.stop(), runtime?.stop()]);
  }
}

/** A public read, and an authenticated write that queues its documents (answered 202 once accepted). */
function localRuntimeTargets(baseUrl: string, authorization: string): WarmTarget[] {
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
      headers: { 'content-type': 'application/json', authorization },
      expectedStatus: 202,
    },
  ];
}

function firstLines(error: unknown): string {
  return error instanceof Error ? error.message.split('\n').slice(0, 3).join(' ') : String(error);
}
