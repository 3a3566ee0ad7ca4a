import { METRIC, metrics, MetricUnit } from './metrics.ts';

/** Neo4j query timing, as the original's `mcp_neo4j_query_duration_seconds` and `mcp_neo4j_queries_total`. */
export function recordGraphQuery(queryType: string, durationMs: number, ok: boolean): void {
  metrics.addMetric(METRIC.graphQueryDuration, MetricUnit.Milliseconds, durationMs);
  metrics.addMetric(METRIC.graphQueries, MetricUnit.Count, 1);
  metrics.addMetric(METRIC.graphQueryErrors, MetricUnit.Count, ok ? 0 : 1);
  void queryType; // one metric per type would multiply series; the type goes in the log line instead
}
