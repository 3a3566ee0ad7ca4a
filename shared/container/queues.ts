import { taskFunctionFor, type TaskType } from '#functions/manifest';
import { config } from '#shared/config';
import { EmbeddedTaskQueue } from '#shared/adapters/embedded/task-queue';
import { SqsTaskQueue } from '#shared/adapters/sqs/task-queue';
import type { ConsumableQueue } from '#shared/ports/task-queue';
import { embeddedDatabase } from './embedded-database.ts';
import { onRelease } from './lifecycle.ts';

const queues = new Map<TaskType, ConsumableQueue>();

/** The queue of a task type: SQS when its `QUEUE_URL_*` is set, else the embedded queue. */
export function taskQueue(task: TaskType): ConsumableQueue {
  let queue = queues.get(task);
  if (!queue) {
    const url = config().queueUrls[task];
    const settings = taskFunctionFor(task).queue;
    queue = url
      ? new SqsTaskQueue({ task, queueUrl: url })
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
