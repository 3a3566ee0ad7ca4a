import neo4j from 'neo4j-driver-lite';
import { neo4jDriverConfig } from '#shared/adapters/neo4j/driver';
import { Neo4jKnowledgeStore } from '#shared/adapters/neo4j/knowledge-store';
import { loadConfig } from '#shared/config';
import type { GraphQueryResult } from './results.ts';
import { percentile } from './stats.ts';

export const GRAPH_QUERY_OPERATION = 'Neo4jKnowledgeStore.getConcept';

/**
 * Times `getConcept` through the platform's own Neo4j adapter, with the driver settings a function gets from
 * the same variables (`NEO4J_URI`, …), in this process: the graph query alone, without HTTP or cache. Reads go
 * round-robin over `conceptIds`, after `warmup` unrecorded ones.
 */
export async function measureGraphQueries(
  neo4jEnv: Readonly<Record<string, string>>,
  conceptIds: readonly string[],
  options: { readonly queries: number; readonly warmup: number },
): Promise<GraphQueryResult> {
  const settings = loadConfig(neo4jEnv).neo4j;
  if (!settings) throw new Error('measureGraphQueries needs NEO4J_URI');
  if (conceptIds.length === 0) throw new Error('measureGraphQueries needs concepts to read');
  const driver = neo4j.driver(
    settings.uri,
    neo4j.auth.basic(settings.username, settings.password ?? ''),
    neo4jDriverConfig(settings),
  );
  const store = new Neo4jKnowledgeStore({ driver, database: settings.database });
  const samplesMs: number[] = [];
  let failures = 0;
  try {
    for (let read = -options.warmup; read < options.queries; read += 1) {
      const id = conceptIds[(read + options.warmup) % conceptIds.length] ?? '';
      const started = performance.now();
      const concept = await store.concepts.get(id);
      const ms = performance.now() - started;
      if (read < 0) continue;
      samplesMs.push(ms);
      if (concept?.id !== id) failures += 1;
    }
  } finally {
    await driver.close();
  }
  return {
    operation: GRAPH_QUERY_OPERATION,
    queries: samplesMs.length,
    failures,
    p50Ms: percentile(samplesMs, 50),
    p95Ms: percentile(samplesMs, 95),
    p99Ms: percentile(samplesMs, 99),
  };
}
