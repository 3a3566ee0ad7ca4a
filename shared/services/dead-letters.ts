import * as z from 'zod/mini';
import type { TaskType } from '#shared/domain/tasks';
import { TASK_TYPES } from '#shared/domain/tasks';
import type { ConsumableQueue, RedriveOutcome } from '#shared/ports/task-queue';

export const DEAD_LETTER_DEFAULT_LIMIT = 50;
export const DEAD_LETTER_MAX_LIMIT = 100;

const taskTypeSchema = z.enum(TASK_TYPES, { error: `must be one of ${TASK_TYPES.join(', ')}` });

/** `GET /dead-letters`'s query string: one task type, or every one. */
export const deadLetterListParametersSchema = z.strictObject({
  task: z.optional(taskTypeSchema),
  limit: z._default(
    z.coerce.number().check(z.int(), z.gte(1), z.lte(DEAD_LETTER_MAX_LIMIT)),
    DEAD_LETTER_DEFAULT_LIMIT,
  ),
});

/** `POST /dead-letters/redrive`'s body: which task type's dead letters go back onto its queue. */
export const redriveRequestSchema = z.strictObject({ task: taskTypeSchema });

export interface DeadLetterSummary {
  readonly task: TaskType;
  readonly messageId: string;
  readonly taskId?: string;
  readonly reason: string;
  readonly sentAt: string;
  readonly bytes: number;
}

/** Dead letters of the given task types, up to `limit` each, with why each failed and its task. */
export async function listDeadLetters(
  queues: readonly ConsumableQueue[],
  limit: number,
): Promise<{ items: DeadLetterSummary[] }> {
  const lists = await Promise.all(
    queues.map(async (queue) =>
      (await queue.deadLetters(limit)).map((letter) => {
        const taskId = taskIdIn(letter.body);
        return {
          task: queue.task,
          messageId: letter.messageId,
          ...(taskId !== undefined && { taskId }),
          reason: letter.reason,
          sentAt: letter.sentAt.toISOString(),
          bytes: Buffer.byteLength(letter.body),
        };
      }),
    ),
  );
  return { items: lists.flat() };
}

/** Moves a task type's dead letters back onto its queue, to be processed afresh. */
export async function redriveDeadLetters(
  queue: ConsumableQueue,
): Promise<{ task: TaskType; moved?: number; moveTaskHandle?: string }> {
  const outcome: RedriveOutcome = await queue.redrive();
  return outcome.kind === 'moved'
    ? { task: queue.task, moved: outcome.moved }
    : { task: queue.task, moveTaskHandle: outcome.taskHandle };
}

/** The task a message belongs to, when its body names one (a poison message may not). */
function taskIdIn(body: string): string | undefined {
  try {
    const taskId = (JSON.parse(body) as { taskId?: unknown } | null)?.taskId;
    return typeof taskId === 'string' && z.uuid().safeParse(taskId).success ? taskId : undefined;
  } catch {
    return undefined;
  }
}
