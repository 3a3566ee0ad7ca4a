import { taskFunctions } from '#functions/manifest';
import { graphStore } from '#shared/container/graph';
import { progressStore } from '#shared/container/progress';
import { embedders, vectorStore } from '#shared/container/vectors';
import { documentBatchMessageSchema } from '#shared/domain/document-batches';
import { processDocumentBatch } from '#shared/services/document-processing';
import { METRIC, metrics, MetricUnit } from '#shared/observability/metrics';
import { taskFunction } from '#shared/tasks/task-function';

/** The `process-documents` queue: stores each document of a batch in the graph and records its progress. */
export const handler = taskFunction(taskFunctions.processDocuments, documentBatchMessageSchema, async (message) => {
  const outcome = await processDocumentBatch(message, {
    graph: await graphStore(),
    progress: progressStore(),
    vectors: { embedders: embedders(), vectors: vectorStore() },
  });
  metrics.addMetric(METRIC.documentsProcessed, MetricUnit.Count, outcome.processed);
  metrics.addMetric(METRIC.documentsFailed, MetricUnit.Count, outcome.failed);
});
