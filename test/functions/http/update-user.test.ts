import { beforeEach, describe, expect, it } from 'vitest';
import { handler } from '#functions/http/update-user';
import { httpFunctions } from '#functions/manifest';
import { auditLog } from '#shared/container/audit';
import { userStore } from '#shared/container/identity';
import { ACCOUNT_BODY_MAX_BYTES } from '#shared/services/user-accounts';
import { authHeaders } from '../../support/auth.ts';
import { useEmbeddedDefaults } from '../../support/embedded.ts';
import { httpEvent, lambdaContext } from '../../support/events.ts';
import { expectProblem, jsonBody } from '../../support/http.ts';

useEmbeddedDefaults();

let admin: Record<string, string>;

beforeEach(async () => {
  admin = await authHeaders('admin', 'root');
  await authHeaders('viewer', 'ada');
});

async function updateUser(username: string, body: unknown, headers: Record<string, string> = admin) {
  const event = httpEvent({
    method: 'PATCH',
    path: `/users/${username}`,
    routeKey: 'PATCH /users/{username}',
    pathParameters: { username },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    headers: { 'content-type': 'application/json', ...headers },
  });
  return handler(event, lambdaContext(httpFunctions.updateUser));
}

const auditEntries = async () => (await auditLog().query({ limit: 10 })).entries;

describe('PATCH /users/{username}', () => {
  it('refuses a caller without credentials with 401 and changes nothing', async () => {
    expectProblem(await updateUser('ada', { role: 'admin' }, {}), 401);
    expect((await userStore().get('ada'))?.role).toBe('viewer');
  });

  it('refuses an editor, who may only read users, with 403 and changes nothing', async () => {
    expectProblem(await updateUser('ada', { role: 'admin' }, await authHeaders('editor')), 403);
    expect((await userStore().get('ada'))?.role).toBe('viewer');
  });

  it("changes a user's role and answers with the account", async () => {
    const result = await updateUser('ada', { role: 'editor' });

    expect(result.statusCode).toBe(200);
    expect(jsonBody(result)).toMatchObject({ username: 'ada', role: 'editor', disabled: false });
    expect((await userStore().get('ada'))?.role).toBe('editor');
  });

  it('disables a user', async () => {
    await updateUser('ada', { disabled: true });

    expect((await userStore().get('ada'))?.disabled).toBe(true);
  });

  it('enables a disabled user again', async () => {
    await userStore().setDisabled('ada', true, new Date());

    await updateUser('ada', { disabled: false });

    expect((await userStore().get('ada'))?.disabled).toBe(false);
  });

  it('changes role and disabled flag in one request', async () => {
    const result = await updateUser('ada', { role: 'editor', disabled: true });

    expect(jsonBody(result)).toMatchObject({ role: 'editor', disabled: true });
  });

  it('never shows the password hash', async () => {
    const result = await updateUser('ada', { role: 'editor' });

    expect(jsonBody(result)).not.toHaveProperty('passwordHash');
  });

  it('finds the user whatever the case of the name in the path', async () => {
    expect((await updateUser('ADA', { role: 'editor' })).statusCode).toBe(200);
  });

  it('records the change with what each field was and became', async () => {
    await updateUser('ada', { role: 'editor', disabled: true });

    expect(await auditEntries()).toEqual([
      expect.objectContaining({
        action: 'user.update',
        resourceType: 'user',
        resourceId: 'ada',
        actor: 'root',
        outcome: 'success',
        details: { role: { from: 'viewer', to: 'editor' }, disabled: { from: false, to: true } },
      }) as unknown,
    ]);
  });

  it("resets the account's login limits and records it", async () => {
    const result = await updateUser('ada', { resetLoginLimits: true });

    expect(result.statusCode).toBe(200);
    expect((await userStore().get('ada'))?.loginGeneration).toBe(1);
    expect(await auditEntries()).toEqual([
      expect.objectContaining({
        action: 'user.update',
        resourceId: 'ada',
        details: { resetLoginLimits: true },
      }) as unknown,
    ]);
  });

  it('ends the tokens of a user whose role changed', async () => {
    const grace = await authHeaders('editor', 'grace');
    await updateUser('grace', { role: 'viewer' });

    const afterwards = await updateUser('ada', { role: 'editor' }, grace);

    expectProblem(afterwards, 401);
  });

  it('answers 404 for an unknown user', async () => {
    expectProblem(await updateUser('nobody', { role: 'editor' }), 404);
  });

  it('refuses a name that cannot be a username with 400', async () => {
    const problem = expectProblem(await updateUser('no such/user', { role: 'editor' }), 400);

    expect(problem.detail).toMatch(/username/);
  });

  it('forbids admins to change their own role, and changes nothing', async () => {
    expectProblem(await updateUser('root', { role: 'viewer' }), 403);

    expect((await userStore().get('root'))?.role).toBe('admin');
  });

  it('forbids admins to disable themselves, and changes nothing', async () => {
    expectProblem(await updateUser('root', { disabled: true }), 403);

    expect((await userStore().get('root'))?.disabled).toBe(false);
  });

  it('records a refused change to oneself as denied, once', async () => {
    await updateUser('root', { role: 'viewer' });

    expect(await auditEntries()).toEqual([
      expect.objectContaining({ action: 'request.denied', actor: 'root', outcome: 'denied', status: 403 }) as unknown,
    ]);
  });

  it('refuses an empty change', async () => {
    expectProblem(await updateUser('ada', {}), 400);
  });

  it('refuses an unknown field', async () => {
    const problem = expectProblem(await updateUser('ada', { role: 'editor', password: 'new password here' }), 400);

    expect(problem.errors?.[0]?.message).toMatch(/password/);
    expect((await userStore().get('ada'))?.role).toBe('viewer');
  });

  it.each([
    ['a role that does not exist', { role: 'owner' }, 'role'],
    ['a disabled flag that is not a boolean', { disabled: 'yes' }, 'disabled'],
    ['a login-limit reset that is false', { resetLoginLimits: false }, 'resetLoginLimits'],
    ['a login-limit reset that is a string', { resetLoginLimits: 'true' }, 'resetLoginLimits'],
  ])('refuses %s', async (_case, body, field) => {
    const problem = expectProblem(await updateUser('ada', body), 400);

    expect(problem.errors?.[0]?.field).toBe(field);
  });

  it('refuses a body that is not JSON with 415', async () => {
    const event = httpEvent({
      method: 'PATCH',
      path: '/users/ada',
      pathParameters: { username: 'ada' },
      body: 'role=admin',
      headers: { 'content-type': 'text/plain', ...admin },
    });

    expectProblem(await handler(event, lambdaContext(httpFunctions.updateUser)), 415);
  });

  it('refuses a body over the size limit with 413', async () => {
    expectProblem(await updateUser('ada', { role: 'editor', pad: 'x'.repeat(ACCOUNT_BODY_MAX_BYTES) }), 413);
  });
});
