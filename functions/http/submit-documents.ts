import { httpFunctions, taskFunctions } from '#functions/manifest';
import { config } from '#shared/config';
import { progressStore } from '#shared/container/progress';
import { taskQueue } from '#shared/container/queues';
import { DOCUMENT_LIMITS, documentSubmissionSchema } from '#shared/domain/documents';
import { readJsonBody } from '#shared/http/body';
import { idempotentHttpFunction } from '#shared/http/idempotent-http-function';
import { requirePrincipal } from '#shared/http/request-state';
import { json } from '#shared/http/responses';
import { validate } from '#shared/http/validation';
import { acceptDocuments } from '#shared/services/document-intake';

/** POST /documents: accepts 1–100 documents and queues them; 202 with where to follow the task. */
export const handler = idempotentHttpFunction(httpFunctions.submitDocuments, async (event, context) => {
  const submission = validate(
    documentSubmissionSchema,
    readJsonBody(event, DOCUMENT_LIMITS.maxBodyBytes),
    'request body',
  );
  const accepted = await acceptDocuments(submission, {
    submittedBy: requirePrincipal(context).username,
    progress: progressStore(),
    queue: taskQueue(taskFunctions.processDocuments),
    ttlSeconds: config().progress.ttlSeconds,
  });
  const statusUrl = `/tasks/${accepted.taskId}`;
  return json(
    202,
    { taskId: accepted.taskId, status: accepted.status, total: accepted.total, statusUrl },
    { location: statusUrl },
  );
});
