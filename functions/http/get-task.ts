import { httpFunctions } from '#functions/manifest';
import { progressStore } from '#shared/container/progress';
import { httpFunction } from '#shared/http/http-function';
import { requirePrincipal } from '#shared/http/request-state';
import { json } from '#shared/http/responses';
import { validate } from '#shared/http/validation';
import { getTaskProgress, taskIdSchema, taskViewerOf } from '#shared/services/task-status';

/** GET /tasks/{taskId}: the task's progress record, for its submitter and admins (404 for anyone else). */
export const handler = httpFunction(httpFunctions.getTask, async (event, context) => {
  const taskId = validate(taskIdSchema, event.pathParameters?.taskId, 'task id');
  const progress = await getTaskProgress(taskId, taskViewerOf(requirePrincipal(context)), progressStore());
  return json(200, progress, { 'cache-control': 'no-store' });
});
