import { taskFunctions } from '#functions/manifest';
import { documentKnowledgeStore, recentKnownNamesLookup } from '#shared/container/document-knowledge';
import { config } from '#shared/config';
import { progressStore } from '#shared/container/progress';
import { embedders } from '#shared/container/embedders';
import { vectorStore } from '#shared/container/vectors';
import { documentBatchMessageSchema } from '#shared/domain/document-batches';
import { METRIC, metrics, MetricUnit } from '#shared/observability/metrics';
import { processDocument } from '#shared/services/document-processing';
import { primeTextAnalysis } from '#shared/services/text-analysis';
import { itemTaskFunction } from '#shared/tasks/item-task';

// Provisioned environments are initialised before any message: there the init readies the analysis too.
if (config().initializedAhead) primeTextAnalysis();

/**
 * Documents of one message processed at once. A 1 KB document spends most of its time waiting on Neo4j, the
 * embedder and the vector store; ten at once (the whole message, times the batch's messages) keep one
 * worker's CPU busy instead (`npm run bench:worker`).
 */
const DOCUMENTS_AT_ONCE = 10;

/** The `process-documents` queue: stores each document of a message in the graph, what it says and its vectors, with its progress. */
export const handler = itemTaskFunction({
  fn: taskFunctions.processDocuments,
  schema: documentBatchMessageSchema,
  entries: (message) => message.documents,
  withEntries: (message, documents) => ({ ...message, documents: [...documents] }),
  process: async (entry) => {
    const id = await processDocument(entry, {
      knowledge: documentKnowledgeStore(),
      knownNames: recentKnownNamesLookup(),
      vectors: { embedders: embedders(), vectors: vectorStore() },
    });
    metrics.addMetric(METRIC.documentsProcessed, MetricUnit.Count, 1);
    return id;
  },
  concurrency: DOCUMENTS_AT_ONCE,
  progress: progressStore,
});
