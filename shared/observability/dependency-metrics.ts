import { logger } from './logger.ts';
import { METRIC, metrics, MetricUnit } from './metrics.ts';

/**
 * Neo4j query timing, as the original's `mcp_neo4j_query_duration_seconds` and `mcp_neo4j_queries_total`.
 * The query type goes to the debug log rather than a dimension: one metric series per type is not worth it.
 */
export function recordGraphQuery(queryType: string, durationMs: number, ok: boolean): void {
  metrics.addMetric(METRIC.graphQueryDuration, MetricUnit.Milliseconds, durationMs);
  metrics.addMetric(METRIC.graphQueries, MetricUnit.Count, 1);
  metrics.addMetric(METRIC.graphQueryErrors, MetricUnit.Count, ok ? 0 : 1);
  logger.debug('neo4j query', { queryType, durationMs, ok });
}
