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

/** Every metric name the code emits, in one list: an alarm on a metric names it from here, so the two cannot drift. */
export const METRIC = {
  apiRequests: 'ApiRequests',
  apiRequestDuration: 'ApiRequestDuration',
  apiClientErrors: 'ApiClientErrors',
  apiServerErrors: 'ApiServerErrors',
  taskRecords: 'TaskRecords',
  taskRecordFailures: 'TaskRecordFailures',
  taskRecordDuration: 'TaskRecordDuration',
  // Per task type (dimension `task`) and state, as the task alarms read them.
  tasksStarted: 'TasksStarted',
  tasksSucceeded: 'TasksSucceeded',
  tasksFailed: 'TasksFailed',
  tasksRetried: 'TasksRetried',
  tasksRevoked: 'TasksRevoked',
  /** From the task's creation to its end, per finished task. */
  taskDuration: 'TaskDuration',
  /** Time a record waited on its queue before this delivery; the alarm reads its Maximum: the oldest message. */
  taskMessageAge: 'TaskMessageAge',
  taskMessagesDeadLettered: 'TaskMessagesDeadLettered',
  taskCheckpoints: 'TaskCheckpoints',
  /** Messages waiting in a task's dead letters, as `/health` sees them. */
  deadLetterMessages: 'DeadLetterMessages',
  documentsProcessed: 'DocumentsProcessed',
  documentsFailed: 'DocumentsFailed',
  graphQueryDuration: 'Neo4jQueryDuration',
  graphQueries: 'Neo4jQueries',
  graphQueryErrors: 'Neo4jQueryErrors',
  cacheHits: 'CacheHits',
  cacheMisses: 'CacheMisses',
  cacheErrors: 'CacheErrors',
  cacheValuesTooLarge: 'CacheValuesTooLarge',
  embeddingsRejected: 'EmbeddingsRejected',
  documentsNotIndexed: 'DocumentsNotIndexed',
  vectorSearchDuration: 'VectorSearchDuration',
} as const;
