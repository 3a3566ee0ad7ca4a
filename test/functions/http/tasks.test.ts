import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { handler as cancelTask } from '#functions/http/cancel-task';
import { handler as listTasks } from '#functions/http/list-tasks';
import { auditLog } from '#shared/container/audit';
import { progressStore } from '#shared/container/progress';
import { newTaskId, newTaskRecord, type TaskProgress } from '#shared/domain/tasks';
import { authHeaders } from '../../support/auth.ts';
import { useEmbeddedDefaults } from '../../support/embedded.ts';
import { httpEvent, lambdaContext } from '../../support/events.ts';
import { expectProblem, jsonBody } from '../../support/http.ts';

useEmbeddedDefaults();

const someone = (name: string) => `${name}-${randomUUID().slice(0, 8)}`;

async function taskOf(username: string, total = 3, createdAt = new Date()): Promise<string> {
  const taskId = newTaskId();
  await progressStore().create(newTaskRecord('process-documents', taskId, total, createdAt, 3600, username));
  return taskId;
}

const list = async (headers: Record<string, string>, query: Record<string, string> = {}) =>
  listTasks(
    { ...httpEvent({ method: 'GET', path: '/tasks', routeKey: 'GET /tasks', headers }), queryStringParameters: query },
    lambdaContext(),
  );

const cancel = async (taskId: string, headers: Record<string, string>) =>
  cancelTask(
    httpEvent({
      method: 'POST',
      path: `/tasks/${taskId}/cancel`,
      routeKey: 'POST /tasks/{taskId}/cancel',
      pathParameters: { taskId },
      headers,
    }),
    lambdaContext(),
  );

const ids = (result: { body?: string }) =>
  (jsonBody(result as never) as { items: TaskProgress[] }).items.map((task) => task.taskId);

describe('GET /tasks', () => {
  it("lists the caller's own tasks, newest first, and nobody else's", async () => {
    // Prepare
    const ada = someone('ada');
    const older = await taskOf(ada, 1, new Date(Date.now() - 2000));
    const newer = await taskOf(ada, 1, new Date(Date.now() - 1000));
    await taskOf(someone('grace'));

    // Act
    const result = await list(await authHeaders('viewer', ada));

    // Assess
    expect(result.statusCode).toBe(200);
    expect(ids(result)).toEqual([newer, older]);
  });

  it("lists everyone's tasks to an admin", async () => {
    // Prepare
    const ada = await taskOf(someone('ada'));
    const grace = await taskOf(someone('grace'));

    // Act
    const result = await list(await authHeaders('admin'), { limit: '100' });

    // Assess
    expect(ids(result)).toEqual(expect.arrayContaining([ada, grace]));
  });

  it('filters by status', async () => {
    // Prepare
    const ada = someone('ada');
    const pending = await taskOf(ada);
    const revoked = await taskOf(ada);
    await progressStore().revoke(revoked, new Date());

    // Act
    const result = await list(await authHeaders('viewer', ada), { status: 'REVOKED' });

    // Assess
    expect(ids(result)).toEqual([revoked]);
    expect(ids(result)).not.toContain(pending);
  });

  it('pages with a cursor until every task is listed once', async () => {
    // Prepare
    const ada = someone('ada');
    const made = [];
    for (let index = 0; index < 5; index += 1) made.push(await taskOf(ada, 1, new Date(Date.now() - index * 1000)));
    const headers = await authHeaders('viewer', ada);

    // Act
    const first = jsonBody(await list(headers, { limit: '2' })) as { items: TaskProgress[]; nextCursor?: string };
    const seen = first.items.map((task) => task.taskId);
    let cursor = first.nextCursor;
    while (cursor) {
      const page = jsonBody(await list(headers, { limit: '2', cursor })) as {
        items: TaskProgress[];
        nextCursor?: string;
      };
      seen.push(...page.items.map((task) => task.taskId));
      cursor = page.nextCursor;
    }

    // Assess
    expect(seen).toEqual(made);
  });

  it.each([
    [{ status: 'DONE' }, 'status'],
    [{ type: 'mine-bitcoin' }, 'type'],
    [{ limit: '0' }, 'limit'],
    [{ limit: '101' }, 'limit'],
    [{ cursor: 'not-a-cursor' }, 'cursor'],
    [{ owner: 'ada' }, 'owner'],
  ])('refuses the query %o with a 400 naming %s', async (query, field) => {
    // Act
    const result = await list(await authHeaders('viewer'), query);

    // Assess
    const problem = expectProblem(result, 400);
    expect(JSON.stringify(problem)).toContain(field);
  });

  it("refuses a cursor issued for another user's list", async () => {
    // Prepare
    const ada = someone('ada');
    await taskOf(ada);
    await taskOf(ada);
    const page = jsonBody(await list(await authHeaders('viewer', ada), { limit: '1' })) as { nextCursor?: string };

    // Act
    const result = await list(await authHeaders('viewer'), { cursor: String(page.nextCursor) });

    // Assess
    expectProblem(result, 400);
  });
});

describe('POST /tasks/{taskId}/cancel', () => {
  it('revokes an unfinished task and says how many items were done', async () => {
    // Prepare
    const ada = someone('ada');
    const taskId = await taskOf(ada, 3);
    await progressStore().recordItem(taskId, 0, { ok: true, id: 'doc_a' }, new Date());

    // Act
    const result = await cancel(taskId, await authHeaders('editor', ada));

    // Assess
    expect(result.statusCode).toBe(200);
    expect(jsonBody(result)).toMatchObject({ status: 'REVOKED', current: 1, total: 3, result: { succeeded: 1 } });
    expect((await progressStore().get(taskId))?.status).toBe('REVOKED');
  });

  it('writes the revocation to the audit trail', async () => {
    // Prepare
    const ada = someone('ada');
    const taskId = await taskOf(ada);

    // Act
    await cancel(taskId, await authHeaders('editor', ada));

    // Assess
    const { entries } = await auditLog().query({ user: ada, limit: 10 });
    expect(entries.map((entry) => [entry.action, entry.resourceId])).toContainEqual(['task.revoke', taskId]);
  });

  it('answers 404 for a task of someone else', async () => {
    // Prepare
    const taskId = await taskOf(someone('ada'));

    // Act
    const result = await cancel(taskId, await authHeaders('editor'));

    // Assess
    expectProblem(result, 404);
    expect((await progressStore().get(taskId))?.status).toBe('PENDING');
  });

  it('answers 409 for a finished task and leaves it as it was', async () => {
    // Prepare
    const ada = someone('ada');
    const taskId = await taskOf(ada, 1);
    await progressStore().recordItem(taskId, 0, { ok: true, id: 'doc_a' }, new Date());

    // Act
    const result = await cancel(taskId, await authHeaders('editor', ada));

    // Assess
    expectProblem(result, 409);
    expect((await progressStore().get(taskId))?.status).toBe('SUCCESS');
  });

  it('answers 400 for an id that is not a task id', async () => {
    expectProblem(await cancel('nope', await authHeaders('editor')), 400);
  });
});
