import { MAX_BATCH_BYTES, MAX_BATCH_ENTRIES, messageBytes } from '#shared/ports/queue-message-limits';

/** One body of a send, with its position in that send so failures can name it. */
export interface BatchEntry {
  readonly index: number;
  readonly body: string;
}

/**
 * Splits bodies, in order, into SendMessageBatch calls of at most 10 entries and 256 KiB.
 * Expects bodies already checked by `assertSendable`, so each one fits a batch on its own.
 */
export function sendBatches(bodies: readonly string[]): BatchEntry[][] {
  const batches: BatchEntry[][] = [];
  let current: BatchEntry[] = [];
  let currentBytes = 0;
  bodies.forEach((body, index) => {
    const bytes = messageBytes(body);
    if (current.length === MAX_BATCH_ENTRIES || currentBytes + bytes > MAX_BATCH_BYTES) {
      batches.push(current);
      current = [];
      currentBytes = 0;
    }
    current.push({ index, body });
    currentBytes += bytes;
  });
  if (current.length > 0) batches.push(current);
  return batches;
}
