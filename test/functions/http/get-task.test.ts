import { describe, expect, it } from 'vitest';
import { handler } from '#functions/http/get-task';
import { progressStore } from '#shared/container/progress';
import { newTaskRecord } from '#shared/domain/tasks';
import { httpEvent, lambdaContext } from '../../support/events.ts';
import { useEmbeddedDefaults } from '../../support/embedded.ts';
import { expectProblem, jsonBody } from '../../support/http.ts';
import { authHeaders } from '../../support/auth.ts';

useEmbeddedDefaults();

const get = async (taskId: string) =>
  handler(
    httpEvent({
      method: 'GET',
      path: `/tasks/${taskId}`,
      routeKey: 'GET /tasks/{taskId}',
      pathParameters: { taskId },
      headers: await authHeaders('viewer'),
    }),
    lambdaContext(),
  );

describe('GET /tasks/{taskId}', () => {
  it('returns the progress record of a known task', async () => {
    const taskId = '6f1c1f5e-8d0a-4a7e-9a51-0f3c2b1d9e11';
    await progressStore().create(newTaskRecord('process-documents', taskId, 3, new Date(), 3600));
    const result = await get(taskId);
    expect(result.statusCode).toBe(200);
    expect(jsonBody(result)).toMatchObject({ taskId, status: 'PENDING', current: 0, total: 3, percentage: 0 });
  });

  it('answers 404 for an unknown task id', async () => {
    expectProblem(await get('0b7e7a38-4f6e-4a51-9d6e-1c1e7f5b0c22'), 404);
  });

  it('answers 400 for an id that is not a task id', async () => {
    const problem = expectProblem(await get('../../etc/passwd'), 400);
    expect(problem.detail).toMatch(/task id/);
  });
});
