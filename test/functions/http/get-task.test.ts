import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { handler } from '#functions/http/get-task';
import { progressStore } from '#shared/container/progress';
import { newTaskId, newTaskRecord } from '#shared/domain/tasks';
import { httpEvent, lambdaContext } from '../../support/events.ts';
import { useEmbeddedDefaults } from '../../support/embedded.ts';
import { expectProblem, jsonBody } from '../../support/http.ts';
import { authHeaders } from '../../support/auth.ts';

useEmbeddedDefaults();

const get = async (taskId: string, headers: Record<string, string>) =>
  handler(
    httpEvent({
      method: 'GET',
      path: `/tasks/${taskId}`,
      routeKey: 'GET /tasks/{taskId}',
      pathParameters: { taskId },
      headers,
    }),
    lambdaContext(),
  );

const someone = (name: string) => `${name}-${randomUUID().slice(0, 8)}`;

async function taskOf(username: string): Promise<string> {
  const taskId = newTaskId();
  await progressStore().create(newTaskRecord('process-documents', taskId, 3, new Date(), 3600, username));
  return taskId;
}

describe('GET /tasks/{taskId}', () => {
  it('returns the progress record of a task to its submitter', async () => {
    // Prepare
    const ada = someone('ada');
    const taskId = await taskOf(ada);

    // Act
    const result = await get(taskId, await authHeaders('viewer', ada));

    // Assess
    expect(result.statusCode).toBe(200);
    expect(jsonBody(result)).toMatchObject({ taskId, status: 'PENDING', current: 0, total: 3, submittedBy: ada });
  });

  it("returns any user's task to an admin", async () => {
    // Prepare
    const taskId = await taskOf(someone('ada'));

    // Act
    const result = await get(taskId, await authHeaders('admin'));

    // Assess
    expect(result.statusCode).toBe(200);
  });

  it("answers 404 for another user's task, as if it did not exist", async () => {
    // Prepare
    const ada = someone('ada');
    const taskId = await taskOf(ada);

    // Act
    const result = await get(taskId, await authHeaders('editor'));

    // Assess
    expect(expectProblem(result, 404).detail).not.toContain(ada);
  });

  it('answers 404 for an unknown task id', async () => {
    expectProblem(await get('0b7e7a38-4f6e-4a51-9d6e-1c1e7f5b0c22', await authHeaders('viewer')), 404);
  });

  it('answers 400 for an id that is not a task id', async () => {
    const problem = expectProblem(await get('../../etc/passwd', await authHeaders('viewer')), 400);
    expect(problem.detail).toMatch(/task id/);
  });
});
