import { httpFunctions } from '#functions/manifest';
import { progressStore } from '#shared/container/progress';
import { httpFunction } from '#shared/http/http-function';
import { readQuery } from '#shared/http/query';
import { requirePrincipal } from '#shared/http/request-state';
import { json } from '#shared/http/responses';
import { listTasks, taskListParametersSchema, taskViewerOf } from '#shared/services/task-status';

/** GET /tasks?status=&type=&limit=&cursor=: the caller's tasks (an admin's: everyone's), newest first. */
export const handler = httpFunction(httpFunctions.listTasks, async (event, context) => {
  const parameters = readQuery(event, taskListParametersSchema);
  const page = await listTasks(parameters, taskViewerOf(requirePrincipal(context)), progressStore());
  return json(200, page, { 'cache-control': 'no-store' });
});
