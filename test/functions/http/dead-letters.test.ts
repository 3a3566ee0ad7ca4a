import { taskFunctions } from '#functions/manifest';
import { describe, expect, it } from 'vitest';
import { handler as listDeadLetters } from '#functions/http/list-dead-letters';
import { handler as redriveDeadLetters } from '#functions/http/redrive-dead-letters';
import { auditLog } from '#shared/container/audit';
import { taskQueue } from '#shared/container/queues';
import { newTaskId } from '#shared/domain/tasks';
import { authHeaders } from '../../support/auth.ts';
import { useEmbeddedDefaults } from '../../support/embedded.ts';
import { httpEvent, lambdaContext } from '../../support/events.ts';
import { expectProblem, jsonBody } from '../../support/http.ts';

useEmbeddedDefaults();

const list = async (query: Record<string, string> = {}, role: 'admin' | 'editor' = 'admin') =>
  listDeadLetters(
    {
      ...httpEvent({ method: 'GET', path: '/dead-letters', headers: await authHeaders(role, `${role}-dlq`) }),
      queryStringParameters: query,
    },
    lambdaContext(),
  );

const redrive = async (body: string, contentType = 'application/json') =>
  redriveDeadLetters(
    httpEvent({
      method: 'POST',
      path: '/dead-letters/redrive',
      headers: { ...(await authHeaders('admin', 'admin-dlq')), 'content-type': contentType },
      body,
    }),
    lambdaContext(),
  );

describe('GET /dead-letters', () => {
  it('shows each dead letter with its reason and the task it belongs to', async () => {
    // Prepare
    const taskId = newTaskId();
    await taskQueue(taskFunctions.processDocuments).deadLetter(
      JSON.stringify({ taskId }),
      'gave up after 6 attempts: down',
    );

    // Act
    const result = await list({ task: 'process-documents' });

    // Assess
    expect(result.statusCode).toBe(200);
    expect(jsonBody(result)).toMatchObject({
      items: [{ task: 'process-documents', taskId, reason: 'gave up after 6 attempts: down' }],
    });
  });

  it('shows a poison message that names no task, with its reason', async () => {
    // Prepare
    await taskQueue(taskFunctions.processDocuments).deadLetter('not json', 'cannot succeed: Message body is not JSON');

    // Act
    const result = await list();

    // Assess
    const [item] = (jsonBody(result) as { items: Record<string, unknown>[] }).items;
    expect(item).toMatchObject({ reason: 'cannot succeed: Message body is not JSON', bytes: 8 });
    expect(item?.taskId).toBeUndefined();
  });

  it('writes the look to the audit trail', async () => {
    // Act
    await list({ task: 'process-documents' });

    // Assess
    const { entries } = await auditLog().query({ user: 'admin-dlq', limit: 10 });
    expect(entries.map((entry) => entry.action)).toContain('dead-letters.list');
  });

  it.each([
    [{ task: 'mine-bitcoin' }, 'task'],
    [{ limit: '0' }, 'limit'],
    [{ limit: '101' }, 'limit'],
    [{ queue: 'x' }, 'queue'],
  ])('refuses the query %o with a 400 naming %s', async (query, field) => {
    expect(JSON.stringify(expectProblem(await list(query), 400))).toContain(field);
  });
});

describe('POST /dead-letters/redrive', () => {
  it('moves the dead letters back onto the queue and says how many', async () => {
    // Prepare
    const queue = taskQueue(taskFunctions.processDocuments);
    await queue.deadLetter('{"fixed":true}', 'cannot succeed: was broken');

    // Act
    const result = await redrive('{"task":"process-documents"}');

    // Assess
    expect(result.statusCode).toBe(202);
    expect(jsonBody(result)).toEqual({ task: 'process-documents', moved: 1 });
    expect(await queue.depth()).toEqual({ visible: 1, inFlight: 0, deadLetters: 0 });
  });

  it('writes the redrive to the audit trail', async () => {
    // Act
    await redrive('{"task":"process-documents"}');

    // Assess
    const { entries } = await auditLog().query({ user: 'admin-dlq', limit: 10 });
    expect(entries.map((entry) => [entry.action, entry.resourceId])).toContainEqual([
      'dead-letters.redrive',
      'process-documents',
    ]);
  });

  it.each([
    ['{}', 400],
    ['{"task":"mine-bitcoin"}', 400],
    ['{"task":"process-documents","all":true}', 400],
    ['not json', 400],
  ])('refuses the body %s with %i and moves nothing', async (body, status) => {
    // Prepare
    const queue = taskQueue(taskFunctions.processDocuments);
    await queue.deadLetter('{}', 'cannot succeed: test');

    // Act
    const result = await redrive(body);

    // Assess
    expectProblem(result, status);
    expect((await queue.depth()).deadLetters).toBe(1);
  });

  it('refuses a body that is not JSON by its media type with 415', async () => {
    expectProblem(await redrive('task=process-documents', 'application/x-www-form-urlencoded'), 415);
  });
});
