import type * as z from 'zod/mini';
import type { TaskFunction } from '#shared/function-definitions';
import { isTerminal, needsWork, type ItemOutcome, type TaskRecord } from '#shared/domain/tasks';
import { logger } from '#shared/observability/logger';
import { METRIC, metrics, MetricUnit } from '#shared/observability/metrics';
import type { ProgressStore } from '#shared/ports/progress-store';
import type { ConsumableQueue } from '#shared/ports/task-queue';
import { describeFailure, isTransient } from './failures.ts';
import { taskFunction, type RecordContext } from './task-function.ts';

/** A message of an item task: some items of one task, each with its index in the task. */
export interface ItemMessage {
  readonly taskId: string;
}

/**
 * A task whose messages carry numbered items (documents to store, URLs to scrape, ...). The stack does the
 * rest for every such task: progress, checkpoints, cancellation, retries and dead letters.
 */
export interface ItemTask<M extends ItemMessage, E extends { readonly index: number }> {
  readonly fn: TaskFunction;
  readonly schema: z.ZodMiniType<M>;
  entries(message: M): readonly E[];
  /** The same message with only `entries`: what is requeued past the soft limit or dead-lettered. */
  withEntries(message: M, entries: readonly E[]): M;
  /**
   * Does one item and returns the id of what it made. A transient failure (`isTransient`) is thrown on,
   * so the message is retried later; any other failure is recorded against this item and the others go on.
   */
  process(entry: E): Promise<string>;
  /**
   * Items of one message done at once, their outcomes recorded with one progress write per group: for work
   * that mostly waits on the network (a document's graph, model and vector calls). Checkpoints, revocation
   * and the soft time limit act at group boundaries. @default 1
   */
  readonly concurrency?: number;
  readonly progress: () => ProgressStore;
  readonly queue?: () => ConsumableQueue;
}

/**
 * The Lambda handler of an item task. Per message: the task's record moves to STARTED; items already done
 * (by an earlier delivery, a duplicate, or before a crash) are skipped, which is the checkpoint a task cut
 * by its hard limit resumes from; each other item is done and its outcome recorded at once; at each item
 * boundary a REVOKED task stops, and past the soft time limit the items left are requeued as a new
 * message. A transient failure marks the record RETRY before the retry; giving up records the items left
 * as failed (dead-lettered) and dead-letters only those.
 */
export function itemTaskFunction<M extends ItemMessage, E extends { readonly index: number }>(task: ItemTask<M, E>) {
  return taskFunction(task.fn, task.schema, (message: M, context) => runMessage(task, message, context), {
    ...(task.queue && { queue: task.queue }),
    onRetry: async (message, retry) => {
      await task.progress().retry(message.taskId, retry, new Date());
    },
    onGiveUp: async (message, reason) => {
      const progress = task.progress();
      let record = await progress.get(message.taskId);
      const undone = task.entries(message).filter((entry) => !record || needsWork(record, entry.index));
      for (const entry of undone) {
        const outcome: ItemOutcome = { ok: false, error: reason, deadLettered: true };
        const before = record;
        record = await progress.recordItem(message.taskId, entry.index, outcome, new Date());
        noteFinish(before, record);
      }
      return JSON.stringify(task.withEntries(message, undone));
    },
  });
}

async function runMessage<M extends ItemMessage, E extends { readonly index: number }>(
  task: ItemTask<M, E>,
  message: M,
  context: RecordContext,
): Promise<void> {
  const progress = task.progress();
  const labels = { task: task.fn.task, taskId: message.taskId, messageId: context.record.messageId };
  const startedAt = new Date();
  let record = await progress.start(message.taskId, startedAt);
  noteStart(record, startedAt);
  if (record?.status === 'REVOKED') {
    logger.info('task revoked: message skipped', { ...labels, skipped: task.entries(message).length });
    return;
  }
  const pending = task.entries(message).filter((entry) => !record || needsWork(record, entry.index));
  const concurrency = Math.max(1, task.concurrency ?? 1);
  for (let position = 0; position < pending.length; position += concurrency) {
    if (Date.now() >= context.softDeadline) {
      const rest = pending.slice(position);
      await context.requeue(JSON.stringify(task.withEntries(message, rest)));
      metrics.addMetric(METRIC.taskCheckpoints, MetricUnit.Count, 1);
      logger.info('soft time limit: remainder requeued', { ...labels, done: position, requeued: rest.length });
      return;
    }
    const group = pending.slice(position, position + concurrency);
    const settled = await Promise.allSettled(group.map((entry) => processItem(task, entry)));
    // What finished is recorded even when another item of the group met an outage, so a retry redoes only that.
    const results = group.flatMap((entry, i) => {
      const done = settled[i];
      return done?.status === 'fulfilled' ? [{ index: entry.index, outcome: done.value }] : [];
    });
    if (results.length > 0) {
      const before = record;
      record = await progress.recordItems(message.taskId, results, new Date());
      noteFinish(before, record);
    }
    const outage = settled.find((done) => done.status === 'rejected');
    if (outage) throw outage.reason;
    if (record?.status === 'REVOKED') {
      const left = pending.length - position - group.length;
      logger.info('task revoked: stopped at an item boundary', { ...labels, left });
      return;
    }
  }
}

async function processItem<E extends { readonly index: number }>(
  task: ItemTask<ItemMessage, E>,
  entry: E,
): Promise<ItemOutcome> {
  try {
    return { ok: true, id: await task.process(entry) };
  } catch (error) {
    if (isTransient(error)) throw error;
    return { ok: false, error: describeFailure(error) };
  }
}

/** Counts a task that this delivery started, the first time (a restart after RETRY is counted as a retry). */
function noteStart(record: TaskRecord | undefined, at: Date): void {
  if (record?.status !== 'STARTED' || record.startedAt !== at.toISOString()) return;
  if (record.transitions.filter((transition) => transition.status === 'STARTED').length === 1) {
    metrics.addMetric(METRIC.tasksStarted, MetricUnit.Count, 1);
  }
}

/** Counts a task that this write finished, with its duration from submission. */
function noteFinish(before: TaskRecord | undefined, after: TaskRecord | undefined): void {
  if (!after || !isTerminal(after.status) || (before && isTerminal(before.status) && before.status === after.status)) {
    return;
  }
  if (after.status === 'SUCCESS') metrics.addMetric(METRIC.tasksSucceeded, MetricUnit.Count, 1);
  if (after.status === 'FAILURE') metrics.addMetric(METRIC.tasksFailed, MetricUnit.Count, 1);
  if (after.status === 'SUCCESS' || after.status === 'FAILURE') {
    metrics.addMetric(
      METRIC.taskDuration,
      MetricUnit.Milliseconds,
      Date.parse(after.updatedAt) - Date.parse(after.createdAt),
    );
  }
}
