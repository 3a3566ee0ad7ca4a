import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';

export { MetricUnit };

/**
 * The one metrics instance (CloudWatch embedded metric format). Names keep the original `mcp_` metrics'
 * meaning in CloudWatch's CamelCase: `ApiRequestDuration` ↔ `mcp_api_request_duration_seconds`, etc.
 */
export const metrics = new Metrics({
  namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'Yggdrasil',
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'yggdrasil',
});

/** Metric names, shared with the alarms in `infra/aws` so they cannot drift. */
export const METRIC = {
  apiRequests: 'ApiRequests',
  apiRequestDuration: 'ApiRequestDuration',
  apiClientErrors: 'ApiClientErrors',
  apiServerErrors: 'ApiServerErrors',
  taskRecords: 'TaskRecords',
  taskRecordFailures: 'TaskRecordFailures',
  taskRecordDuration: 'TaskRecordDuration',
  documentsProcessed: 'DocumentsProcessed',
  documentsFailed: 'DocumentsFailed',
  documentsAccepted: 'DocumentsAccepted',
  graphQueryDuration: 'Neo4jQueryDuration',
  graphQueries: 'Neo4jQueries',
  graphQueryErrors: 'Neo4jQueryErrors',
  errors: 'Errors',
  criticalErrors: 'CriticalErrors',
  cacheHits: 'CacheHits',
  cacheMisses: 'CacheMisses',
  cacheErrors: 'CacheErrors',
  cacheValuesTooLarge: 'CacheValuesTooLarge',
  embeddingsRejected: 'EmbeddingsRejected',
  documentsNotIndexed: 'DocumentsNotIndexed',
  vectorSearchDuration: 'VectorSearchDuration',
} as const;
