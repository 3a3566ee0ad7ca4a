import * as z from 'zod';
import { NotFoundError } from '#shared/errors';
import { toTaskProgress, type TaskProgress } from '#shared/domain/tasks';
import type { ProgressStore } from '#shared/ports/progress-store';

export const taskIdSchema = z.uuid({ error: 'must be a task id (a UUID)' });

/** The progress of a task, or a 404 that says the id is unknown or its record expired. */
export async function getTaskProgress(taskId: string, progress: ProgressStore): Promise<TaskProgress> {
  const record = await progress.get(taskId);
  if (!record) throw new NotFoundError(`No task '${taskId}': the id is unknown or its record has expired`);
  return toTaskProgress(record);
}
