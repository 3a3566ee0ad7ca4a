import { httpFunctions } from '#functions/manifest';
import { progressStore } from '#shared/container/progress';
import { httpFunction } from '#shared/http/http-function';
import { json } from '#shared/http/responses';
import { validate } from '#shared/http/validation';
import { getTaskProgress, taskIdSchema } from '#shared/services/task-status';

/** GET /tasks/{taskId}: the task's progress record. */
export const handler = httpFunction(httpFunctions.getTask, async (event) => {
  const taskId = validate(taskIdSchema, event.pathParameters?.taskId, 'task id');
  const progress = await getTaskProgress(taskId, progressStore());
  return json(200, progress, { 'cache-control': 'no-store' });
});
