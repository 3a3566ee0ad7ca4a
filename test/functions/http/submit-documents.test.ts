import { describe, expect, it } from 'vitest';
import { handler } from '#functions/http/submit-documents';
import { DOCUMENT_LIMITS } from '#shared/domain/documents';
import { progressStore } from '#shared/container/progress';
import { taskFunctions } from '#functions/manifest';
import { taskQueue } from '#shared/container/queues';
import { httpEvent, lambdaContext } from '../../support/events.ts';
import { useEmbeddedDefaults } from '../../support/embedded.ts';
import { expectProblem, jsonBody } from '../../support/http.ts';
import { authHeaders } from '../../support/auth.ts';

useEmbeddedDefaults();

const post = async (body: string, contentType = 'application/json') =>
  handler(
    httpEvent({
      method: 'POST',
      path: '/documents',
      body,
      headers: { 'content-type': contentType, ...(await authHeaders('editor')) },
    }),
    lambdaContext(),
  );

const queued = async () => (await taskQueue(taskFunctions.processDocuments).depth()).visible;

describe('POST /documents', () => {
  it('refuses a caller without credentials with 401 and queues nothing', async () => {
    const event = httpEvent({
      method: 'POST',
      path: '/documents',
      body: '{"documents":[{"title":"t","text":"x"}]}',
      headers: { 'content-type': 'application/json' },
    });
    const result = await handler(event, lambdaContext());
    expectProblem(result, 401);
    expect(result.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(await queued()).toBe(0);
  });

  it('refuses a viewer with 403 and queues nothing', async () => {
    const event = httpEvent({
      method: 'POST',
      path: '/documents',
      body: '{"documents":[{"title":"t","text":"x"}]}',
      headers: { 'content-type': 'application/json', ...(await authHeaders('viewer')) },
    });
    expectProblem(await handler(event, lambdaContext()), 403);
    expect(await queued()).toBe(0);
  });

  it('accepts documents with 202, a PENDING task and where to follow it', async () => {
    const result = await post(
      JSON.stringify({ documents: [{ title: 'Elements', text: 'Euclid wrote it.', domain: 'mathematics' }] }),
    );
    expect(result.statusCode).toBe(202);
    const body = jsonBody(result) as { taskId: string; status: string; statusUrl: string };
    expect(body.status).toBe('PENDING');
    expect(body.statusUrl).toBe(`/tasks/${body.taskId}`);
    expect((await progressStore().get(body.taskId))?.total).toBe(1);
    expect(await queued()).toBe(1);
  });

  it('refuses malformed JSON with a 400 and queues nothing', async () => {
    const problem = expectProblem(await post('{"documents": ['), 400);
    expect(problem.type).toBe('/problems/malformed-body');
    expect(await queued()).toBe(0);
  });

  it('refuses a body that is not JSON with 415', async () => {
    expectProblem(await post('title=x', 'application/x-www-form-urlencoded'), 415);
  });

  it('refuses a missing content type with 415', async () => {
    const event = httpEvent({ method: 'POST', path: '/documents', body: '{}', headers: await authHeaders('editor') });
    expectProblem(await handler(event, lambdaContext()), 415);
  });

  it('names each missing or wrongly typed field', async () => {
    const problem = expectProblem(await post(JSON.stringify({ documents: [{ title: 5 }] })), 400);
    expect(problem.errors?.map((error) => error.field)).toEqual(['documents.0.title', 'documents.0.text']);
  });

  it('refuses an empty document list', async () => {
    expectProblem(await post(JSON.stringify({ documents: [] })), 400);
  });

  it('refuses more than the document limit', async () => {
    const documents = Array.from({ length: DOCUMENT_LIMITS.maxDocuments + 1 }, (_, i) => ({
      title: `t${i}`,
      text: 'x',
    }));
    const problem = expectProblem(await post(JSON.stringify({ documents })), 400);
    expect(problem.errors?.[0]?.field).toBe('documents');
  });

  it('refuses a text over the length limit', async () => {
    const text = 'x'.repeat(DOCUMENT_LIMITS.maxTextLength + 1);
    const problem = expectProblem(await post(JSON.stringify({ documents: [{ title: 't', text }] })), 400);
    expect(problem.errors?.[0]?.field).toBe('documents.0.text');
  });

  it('refuses a body over the size limit with 413 before parsing it', async () => {
    const body = `{"documents":[{"title":"t","text":"${'x'.repeat(DOCUMENT_LIMITS.maxBodyBytes)}"}]}`;
    expectProblem(await post(body), 413);
    expect(await queued()).toBe(0);
  });

  it('refuses unknown fields', async () => {
    const problem = expectProblem(
      await post(JSON.stringify({ documents: [{ title: 't', text: 'x' }], priority: 1 })),
      400,
    );
    expect(problem.errors?.[0]?.message).toMatch(/priority/);
  });

  it('refuses a JSON value that is not an object', async () => {
    expectProblem(await post('[1,2]'), 400);
  });

  it('refuses a body that is not UTF-8', async () => {
    const event = httpEvent({
      method: 'POST',
      path: '/documents',
      headers: { 'content-type': 'application/json', ...(await authHeaders('editor')) },
    });
    const result = await handler(
      { ...event, body: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]).toString('base64'), isBase64Encoded: true },
      lambdaContext(),
    );
    expectProblem(result, 400);
  });
});
