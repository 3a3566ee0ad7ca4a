import { httpFunctions } from '#functions/manifest';
import { progressStore } from '#shared/container/progress';
import { toTaskProgress } from '#shared/domain/tasks';
import { httpFunction } from '#shared/http/http-function';
import { refuseQuery } from '#shared/http/query';
import { audit, requirePrincipal } from '#shared/http/request-state';
import { json } from '#shared/http/responses';
import { validate } from '#shared/http/validation';
import { METRIC, metrics, MetricUnit } from '#shared/observability/metrics';
import { revokeTask, taskIdSchema, taskViewerOf } from '#shared/services/task-status';

/** POST /tasks/{taskId}/cancel: revokes an unfinished task (Celery's `revoke`); 200 with its record. */
export const handler = httpFunction(httpFunctions.cancelTask, async (event, context) => {
  const taskId = validate(taskIdSchema, event.pathParameters?.taskId, 'task id');
  refuseQuery(event);
  const record = await revokeTask(taskId, taskViewerOf(requirePrincipal(context)), progressStore(), new Date());
  const revoked = metrics.singleMetric();
  revoked.addDimension('task', record.type);
  revoked.addMetric(METRIC.tasksRevoked, MetricUnit.Count, 1);
  const progress = toTaskProgress(record);
  audit(context, {
    action: 'task.revoke',
    resourceType: 'task',
    resourceId: taskId,
    details: { type: record.type, done: progress.current, total: progress.total },
  });
  return json(200, progress, { 'cache-control': 'no-store' });
});
