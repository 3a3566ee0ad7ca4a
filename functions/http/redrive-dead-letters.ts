import { httpFunctions, taskFunctionFor } from '#functions/manifest';
import { taskQueue } from '#shared/container/queues';
import { readJsonBody } from '#shared/http/body';
import { httpFunction } from '#shared/http/http-function';
import { refuseQuery } from '#shared/http/query';
import { audit } from '#shared/http/request-state';
import { json } from '#shared/http/responses';
import { validate } from '#shared/http/validation';
import { redriveDeadLetters, redriveRequestSchema } from '#shared/services/dead-letters';

const MAX_BODY_BYTES = 1024;

/** POST /dead-letters/redrive: moves a task type's dead letters back onto its queue (admins); 202. */
export const handler = httpFunction(httpFunctions.redriveDeadLetters, async (event, context) => {
  refuseQuery(event);
  const { task } = validate(redriveRequestSchema, readJsonBody(event, MAX_BODY_BYTES), 'request body');
  const outcome = await redriveDeadLetters(taskQueue(taskFunctionFor(task)));
  audit(context, {
    action: 'dead-letters.redrive',
    resourceType: 'dead-letters',
    resourceId: task,
    details: {
      ...(outcome.moved !== undefined && { moved: outcome.moved }),
      ...(outcome.moveTaskHandle !== undefined && { moveTaskHandle: outcome.moveTaskHandle }),
    },
  });
  return json(202, outcome, { 'cache-control': 'no-store' });
});
