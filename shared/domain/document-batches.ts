import * as z from 'zod/mini';
import { DOMAINS, type KnowledgeDocument } from './documents.ts';

/** One queue message of the `process-documents` task: some of a task's documents, each with its index. */
export interface DocumentBatchMessage {
  readonly taskId: string;
  readonly documents: readonly { readonly index: number; readonly document: KnowledgeDocument }[];
}

/** Messages are checked on receipt too: a malformed one goes to the dead-letter queue, not into the graph. */
export const documentBatchMessageSchema = z.strictObject({
  taskId: z.uuid(),
  documents: z
    .array(
      z.strictObject({
        index: z.number().check(z.int(), z.gte(0)),
        document: z.strictObject({
          id: z.string().check(z.regex(/^doc_[0-9a-f]{32}$/)),
          title: z.string().check(z.minLength(1)),
          text: z.string().check(z.minLength(1)),
          domain: z.enum(DOMAINS),
          source: z.optional(z.string()),
          contentHash: z.string().check(z.regex(/^[0-9a-f]{64}$/)),
        }),
      }),
    )
    .check(z.minLength(1)),
});

/** SQS accepts 256 KiB per message (moto and older queues); leave room for attributes. */
export const MAX_MESSAGE_BYTES = 240 * 1024;

/**
 * Documents per message at most: a long task is split into messages that each finish well within the
 * function's time limits, and spread over the queue's concurrent consumers.
 */
export const MAX_DOCUMENTS_PER_MESSAGE = 10;

/**
 * Packs documents, in order, into as few messages as fit under `maxBytes` and `maxDocuments` each. A
 * document always fits alone: intake limits keep one document far below a message.
 */
export function packDocumentBatches(
  taskId: string,
  documents: readonly KnowledgeDocument[],
  maxBytes = MAX_MESSAGE_BYTES,
  maxDocuments = MAX_DOCUMENTS_PER_MESSAGE,
): DocumentBatchMessage[] {
  const batches: DocumentBatchMessage[] = [];
  let current: { index: number; document: KnowledgeDocument }[] = [];
  let currentBytes = 0;
  const envelopeBytes = Buffer.byteLength(JSON.stringify({ taskId, documents: [] }));
  documents.forEach((document, index) => {
    const entryBytes = Buffer.byteLength(JSON.stringify({ index, document })) + 1;
    const full = current.length >= maxDocuments || envelopeBytes + currentBytes + entryBytes > maxBytes;
    if (current.length > 0 && full) {
      batches.push({ taskId, documents: current });
      current = [];
      currentBytes = 0;
    }
    current.push({ index, document });
    currentBytes += entryBytes;
  });
  if (current.length > 0) batches.push({ taskId, documents: current });
  return batches;
}
