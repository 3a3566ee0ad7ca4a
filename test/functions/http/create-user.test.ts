import { describe, expect, it } from 'vitest';
import { handler } from '#functions/http/create-user';
import { httpFunctions } from '#functions/manifest';
import { auditLog } from '#shared/container/audit';
import { passwordHasher } from '#shared/container/passwords';
import { userStore } from '#shared/container/identity';
import { ACCOUNT_BODY_MAX_BYTES } from '#shared/services/user-accounts';
import { authHeaders } from '../../support/auth.ts';
import { useEmbeddedDefaults } from '../../support/embedded.ts';
import { httpEvent, lambdaContext } from '../../support/events.ts';
import { expectProblem, jsonBody } from '../../support/http.ts';

useEmbeddedDefaults();

const PASSWORD = 'correct horse battery staple';

async function createUser(
  body: unknown,
  options: { headers?: Record<string, string>; contentType?: string; query?: Record<string, string> } = {},
) {
  const event = httpEvent({
    method: 'POST',
    path: '/users',
    body: typeof body === 'string' ? body : JSON.stringify(body),
    headers: {
      'content-type': options.contentType ?? 'application/json',
      ...(options.headers ?? (await authHeaders('admin'))),
    },
  });
  if (options.query) event.queryStringParameters = options.query;
  return handler(event, lambdaContext(httpFunctions.createUser));
}

describe('POST /users', () => {
  it('refuses a caller without credentials with 401 and creates nobody', async () => {
    const result = await createUser({ username: 'ada', password: PASSWORD, role: 'viewer' }, { headers: {} });

    expectProblem(result, 401);
    expect(await userStore().get('ada')).toBeUndefined();
  });

  it('refuses an editor, who may only read users, with 403 and creates nobody', async () => {
    const result = await createUser(
      { username: 'ada', password: PASSWORD, role: 'viewer' },
      { headers: await authHeaders('editor') },
    );

    expectProblem(result, 403);
    expect(await userStore().get('ada')).toBeUndefined();
  });

  it('creates the account with 201, its location and the account without its hash', async () => {
    const result = await createUser({ username: 'ada', password: PASSWORD, role: 'editor' });

    expect(result.statusCode).toBe(201);
    expect(result.headers.location).toBe('/users/ada');
    const body = jsonBody(result) as Record<string, unknown>;
    expect(body).toMatchObject({ username: 'ada', role: 'editor', disabled: false });
    expect(Object.keys(body).sort()).toEqual(['createdAt', 'disabled', 'role', 'updatedAt', 'username']);
    expect(String(result.body)).not.toContain('$2');
  });

  it('stores a hash the password verifies against', async () => {
    await createUser({ username: 'ada', password: PASSWORD, role: 'editor' });

    const stored = await userStore().get('ada');
    expect(await passwordHasher().verify(PASSWORD, stored?.passwordHash)).toBe(true);
  });

  it('stores the username in lower case', async () => {
    const result = await createUser({ username: 'Ada.Lovelace', password: PASSWORD, role: 'viewer' });

    expect(jsonBody(result)).toMatchObject({ username: 'ada.lovelace' });
  });

  it('refuses a username that is taken with 409, whatever its case', async () => {
    await createUser({ username: 'ada', password: PASSWORD, role: 'viewer' });

    const result = await createUser({ username: 'ADA', password: 'another good password', role: 'admin' });

    expectProblem(result, 409);
    expect((await userStore().get('ada'))?.role).toBe('viewer');
  });

  it('records the creation with the new username and the admin as actor, never the password', async () => {
    await createUser(
      { username: 'ada', password: PASSWORD, role: 'editor' },
      { headers: await authHeaders('admin', 'root') },
    );

    const { entries } = await auditLog().query({ limit: 10 });
    expect(entries).toEqual([
      expect.objectContaining({
        action: 'user.create',
        resourceType: 'user',
        resourceId: 'ada',
        actor: 'root',
        outcome: 'success',
        status: 201,
      }) as unknown,
    ]);
    expect(JSON.stringify(entries)).not.toContain(PASSWORD);
  });

  it('names each missing field', async () => {
    const problem = expectProblem(await createUser({}), 400);

    expect(problem.errors?.map((error) => error.field).sort()).toEqual(['password', 'role', 'username']);
  });

  it('refuses a field of the wrong type', async () => {
    const problem = expectProblem(await createUser({ username: 42, password: PASSWORD, role: 'viewer' }), 400);

    expect(problem.errors?.[0]?.field).toBe('username');
  });

  it('refuses an unknown field', async () => {
    const problem = expectProblem(
      await createUser({ username: 'ada', password: PASSWORD, role: 'viewer', admin: true }),
      400,
    );

    expect(problem.errors?.[0]?.message).toMatch(/admin/);
  });

  it.each([
    ['a password shorter than 12 characters', { username: 'ada', password: 'short', role: 'viewer' }, 'password'],
    ['a password over 128 characters', { username: 'ada', password: 'p'.repeat(129), role: 'viewer' }, 'password'],
    ['a username over 64 characters', { username: 'a'.repeat(65), password: PASSWORD, role: 'viewer' }, 'username'],
    ['a username with a slash', { username: 'ada/../root', password: PASSWORD, role: 'viewer' }, 'username'],
    ['a role that does not exist', { username: 'ada', password: PASSWORD, role: 'superuser' }, 'role'],
  ])('refuses %s', async (_case, body, field) => {
    const problem = expectProblem(await createUser(body), 400);

    expect(problem.errors?.[0]?.field).toBe(field);
    expect(await userStore().get('ada')).toBeUndefined();
  });

  it('refuses a body that is not JSON with 415', async () => {
    expectProblem(await createUser('username=ada', { contentType: 'application/x-www-form-urlencoded' }), 415);
  });

  it('refuses malformed JSON with 400', async () => {
    expectProblem(await createUser('{"username":'), 400);
  });

  it('refuses a body over the size limit with 413', async () => {
    const body = { username: 'ada', password: PASSWORD, role: 'viewer', pad: 'x'.repeat(ACCOUNT_BODY_MAX_BYTES) };

    expectProblem(await createUser(body), 413);
  });

  it('refuses a query parameter, which this route does not take', async () => {
    const result = await createUser(
      { username: 'ada', password: PASSWORD, role: 'viewer' },
      { query: { role: 'admin' } },
    );

    expectProblem(result, 400);
    expect(await userStore().get('ada')).toBeUndefined();
  });
});
