import path from 'node:path';
import { loadConfig } from '#shared/config';
import { LOCAL_CACHE_MAX_TTL_SECONDS } from '#shared/container/cache';
import { startNeo4j, type Neo4jService } from '../test/services/servers.ts';
import { bearerAuthorization } from './access-token.ts';
import { createConcepts } from './concept-fixtures.ts';
import { measureGraphQueries } from './graph-query-latency.ts';
import type { ConceptReadsSection } from './results.ts';
import { startServerProcess, type ServerProcess } from './server-process.ts';
import { measureWarmLatency, type WarmTarget } from './warm-latency.ts';
import { serverEnv } from './warm-servers.ts';

export interface ConceptReadOptions {
  /** Measured reads per kind (uncached, cached), and direct graph queries. */
  readonly reads: number;
  readonly warmupReads: number;
  readonly rounds: number;
}

export const UNCACHED_READ = 'GET /concepts/{id} uncached';
export const CACHED_READ = 'GET /concepts/{id} cached';

/**
 * Starts a real Neo4j (`startNeo4j()`, Java and Maven needed) and the local runtime on it, everything else
 * embedded and the cache settings default, creates concepts through the API and times reading them back:
 * uncached (each request a concept nobody has read, so neither cache has it) and cached (one concept again and
 * again), in the same rounds as the bare node:http baseline; then the adapter's query on its own. When Neo4j
 * cannot start the section is not run, and says why; it never reports numbers it did not measure.
 */
export async function measureConceptReads(
  projectRoot: string,
  options: ConceptReadOptions,
  progress: (line: string) => void,
): Promise<ConceptReadsSection> {
  const started = performance.now();
  let neo4j: Neo4jService;
  try {
    neo4j = await startNeo4j();
  } catch (error) {
    return { ran: false, reason: `Neo4j could not be started: ${firstLines(error)}` };
  }
  const neo4jStartSeconds = (performance.now() - started) / 1000;
  const script = (name: string): string => path.join(projectRoot, 'bench', 'servers', name);
  let runtime: ServerProcess | undefined;
  let bare: ServerProcess | undefined;
  try {
    const runtimeEnv = serverEnv(neo4j.env);
    const { ttlSeconds, localEntries } = loadConfig(runtimeEnv).cache;
    const cache = { ttlSeconds, localEntries, localTtlSeconds: Math.min(ttlSeconds, LOCAL_CACHE_MAX_TTL_SECONDS) };
    runtime = await startServerProcess(script('local-runtime-server.ts'), runtimeEnv, projectRoot);
    bare = await startServerProcess(script('bare-http-server.ts'), serverEnv(), projectRoot);
    const authorization = await bearerAuthorization(runtime.url);
    // One concept for the cached reads, then one per uncached read, warm-up included.
    const count = 1 + options.warmupReads + options.reads;
    progress(`creating ${count} concepts through POST /concepts`);
    const [hot = '', ...unread] = await createConcepts(runtime.url, authorization, count);
    progress('reading concepts back');
    const conceptUrl = (id: string): string => new URL(`/concepts/${id}`, runtime?.url).href;
    const read = {
      server: 'local-runtime-neo4j',
      method: 'GET',
      headers: { authorization },
      expectedStatus: 200,
    } as const;
    const targets: WarmTarget[] = [
      { name: 'GET / (ok)', server: 'baseline', url: bare.url, method: 'GET', expectedStatus: 200 },
      { ...read, name: UNCACHED_READ, url: nextUnread(unread, conceptUrl) },
      { ...read, name: CACHED_READ, url: conceptUrl(hot) },
    ];
    const [baseline, uncached, cached] = await measureWarmLatency(targets, {
      warmupRequests: options.warmupReads,
      requests: options.reads,
      rounds: options.rounds,
    });
    if (!baseline || !uncached || !cached) throw new Error('the warm latency lost a target');
    progress('timing the graph query through the Neo4j adapter');
    const graphQuery = await measureGraphQueries(neo4j.env, [hot, ...unread], {
      queries: options.reads,
      warmup: options.warmupReads,
    });
    return {
      ran: true,
      concepts: count,
      warmupReads: options.warmupReads,
      cache,
      neo4jStartSeconds,
      baseline,
      uncached,
      cached,
      graphQuery,
    };
  } catch (error) {
    return { ran: false, reason: `the reads against Neo4j failed: ${firstLines(error)}` };
  } finally {
    await Promise.all([runtime?.stop(), bare?.stop()]);
    await neo4j.stop();
  }
}

/** Hands out each id once: the URL of a concept no request has read yet. */
function nextUnread(ids: readonly string[], url: (id: string) => string): () => string {
  let next = 0;
  return () => {
    const id = ids[next];
    if (id === undefined) throw new Error(`more uncached reads than the ${ids.length} concepts created for them`);
    next += 1;
    return url(id);
  };
}

function firstLines(error: unknown): string {
  return error instanceof Error ? error.message.split('\n').slice(0, 3).join(' ') : String(error);
}
