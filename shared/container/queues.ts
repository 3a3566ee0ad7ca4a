import { config } from '#shared/config';
import { EmbeddedTaskQueue } from '#shared/adapters/embedded/task-queue';
import { SqsTaskQueue } from '#shared/adapters/sqs/task-queue';
import type { TaskType } from '#shared/domain/tasks';
import type { TaskFunction } from '#shared/function-definitions';
import type { ConsumableQueue } from '#shared/ports/task-queue';
import { embeddedDatabase } from './embedded-database.ts';
import { onRelease } from './lifecycle.ts';
import { sqsClient } from './aws-clients.ts';

const queues = new Map<TaskType, ConsumableQueue>();

/**
 * The queue `consumer` (the manifest's task function) reads: SQS when its `QUEUE_URL_*` is set, else the
 * embedded queue with the consumer's delivery settings.
 *
 * @example
 * taskQueue(taskFunctions.processDocuments);
 */
export function taskQueue(consumer: TaskFunction): ConsumableQueue {
  const { task, queue: settings } = consumer;
  let queue = queues.get(task);
  if (!queue) {
    const url = config().queueUrls[task];
    queue = url
      ? new SqsTaskQueue({ task, queueUrl: url, client: sqsClient() })
      : new EmbeddedTaskQueue({
          database: embeddedDatabase(),
          task,
          visibilityTimeoutSeconds: settings.visibilityTimeoutSeconds,
          maxReceiveCount: settings.maxReceiveCount,
        });
    queues.set(task, queue);
    onRelease(() => {
      queues.delete(task);
    });
  }
  return queue;
}
