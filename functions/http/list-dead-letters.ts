import { httpFunctions, taskFunctionFor } from '#functions/manifest';
import { taskQueue } from '#shared/container/queues';
import { TASK_TYPES } from '#shared/domain/tasks';
import { httpFunction } from '#shared/http/http-function';
import { readQuery } from '#shared/http/query';
import { audit } from '#shared/http/request-state';
import { json } from '#shared/http/responses';
import { deadLetterListParametersSchema, listDeadLetters } from '#shared/services/dead-letters';

/** GET /dead-letters?task=&limit=: what failed for good, with the reason and its task (admins). */
export const handler = httpFunction(httpFunctions.listDeadLetters, async (event, context) => {
  const { task, limit } = readQuery(event, deadLetterListParametersSchema);
  const list = await listDeadLetters(
    (task ? [task] : TASK_TYPES).map((type) => taskQueue(taskFunctionFor(type))),
    limit,
  );
  audit(context, {
    action: 'dead-letters.list',
    resourceType: 'dead-letters',
    ...(task && { resourceId: task }),
    details: { count: list.items.length },
  });
  return json(200, list, { 'cache-control': 'no-store' });
});
