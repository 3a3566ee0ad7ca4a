import * as z from 'zod/mini';
import type { Principal } from '#shared/auth/authenticate';
import { can } from '#shared/domain/roles';
import { CURSOR_MAX_LENGTH, cursorScope, decodeCursor, encodeCursor } from '#shared/domain/cursor';
import {
  canSeeTask,
  TASK_STATUSES,
  TASK_TYPES,
  toTaskProgress,
  type TaskProgress,
  type TaskRecord,
  type TaskViewer,
} from '#shared/domain/tasks';
import { ConflictError, NotFoundError } from '#shared/errors';
import type { ProgressStore } from '#shared/ports/progress-store';

export const taskIdSchema = z.uuid({ error: 'must be a task id (a UUID)' });

export const TASK_LIST_DEFAULT_LIMIT = 20;
export const TASK_LIST_MAX_LIMIT = 100;

/** `GET /tasks`'s query string. */
export const taskListParametersSchema = z.strictObject({
  status: z.optional(z.enum(TASK_STATUSES, { error: `must be one of ${TASK_STATUSES.join(', ')}` })),
  type: z.optional(z.enum(TASK_TYPES, { error: `must be one of ${TASK_TYPES.join(', ')}` })),
  limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(TASK_LIST_MAX_LIMIT)), TASK_LIST_DEFAULT_LIMIT),
  cursor: z.optional(z.string().check(z.minLength(1), z.maxLength(CURSOR_MAX_LENGTH))),
});
export type TaskListParameters = z.output<typeof taskListParametersSchema>;

export interface TaskList {
  readonly items: readonly TaskProgress[];
  readonly nextCursor?: string;
}

const positionSchema = z.strictObject({ createdAt: z.iso.datetime({ precision: 3 }), taskId: z.uuid() });

/** The progress of a task the viewer may see; any other task is a 404, so its existence is not revealed. */
export async function getTaskProgress(
  taskId: string,
  viewer: TaskViewer,
  progress: ProgressStore,
): Promise<TaskProgress> {
  return toTaskProgress(await visibleRecord(taskId, viewer, progress));
}

/** One page of the viewer's tasks (an admin's: everyone's), newest first. */
export async function listTasks(
  parameters: TaskListParameters,
  viewer: TaskViewer,
  progress: ProgressStore,
): Promise<TaskList> {
  const submittedBy = viewer.admin ? undefined : viewer.username;
  const scope = cursorScope('tasks', { submittedBy, status: parameters.status, type: parameters.type });
  const after = parameters.cursor === undefined ? undefined : decodeCursor(parameters.cursor, scope, positionSchema);
  const page = await progress.list({
    ...(submittedBy !== undefined && { submittedBy }),
    ...(parameters.status && { status: parameters.status }),
    ...(parameters.type && { type: parameters.type }),
    limit: parameters.limit,
    ...(after && { after }),
  });
  return {
    items: page.records.map(toTaskProgress),
    ...(page.next && { nextCursor: encodeCursor(scope, page.next) }),
  };
}

/**
 * Celery's `revoke`: the task moves to REVOKED, its messages not yet started are skipped and one in flight
 * stops at its next item boundary; the record keeps the items done. Revoking a revoked task changes
 * nothing; a finished one cannot be revoked (409).
 */
export async function revokeTask(
  taskId: string,
  viewer: TaskViewer,
  progress: ProgressStore,
  now: Date,
): Promise<TaskRecord> {
  await visibleRecord(taskId, viewer, progress);
  const record = await progress.revoke(taskId, now);
  if (!record) throw unknownTask(taskId);
  if (record.status !== 'REVOKED') {
    throw new ConflictError(`Task '${taskId}' has finished (${record.status}); only unfinished tasks can be revoked`);
  }
  return record;
}

async function visibleRecord(taskId: string, viewer: TaskViewer, progress: ProgressStore): Promise<TaskRecord> {
  const record = await progress.get(taskId);
  if (!record || !canSeeTask(record, viewer)) throw unknownTask(taskId);
  return record;
}

function unknownTask(taskId: string): NotFoundError {
  return new NotFoundError(`No task '${taskId}': the id is unknown, its record has expired, or it is not yours`);
}

/** The caller as a task viewer: admins (who hold `system:write`) see every task. */
export function taskViewerOf(principal: Principal): TaskViewer {
  return { username: principal.username, admin: can(principal.role, 'system:write') };
}
