import { beforeEach, describe, expect, it } from 'vitest';
import { handler } from '#functions/http/list-users';
import { httpFunctions } from '#functions/manifest';
import { userStore } from '#shared/container/identity';
import { encodeCursor } from '#shared/domain/cursor';
import type { PublicUser } from '#shared/domain/users';
import { authHeaders } from '../../support/auth.ts';
import { useEmbeddedDefaults } from '../../support/embedded.ts';
import { httpEvent, lambdaContext } from '../../support/events.ts';
import { expectProblem, jsonBody } from '../../support/http.ts';

useEmbeddedDefaults();

interface UserList {
  items: PublicUser[];
  nextCursor?: string;
}

let admin: Record<string, string>;

beforeEach(async () => {
  admin = await authHeaders('admin', 'root');
});

async function listUsers(query: Record<string, string> = {}, headers: Record<string, string> = admin) {
  const event = httpEvent({ method: 'GET', path: '/users', headers });
  if (Object.keys(query).length > 0) event.queryStringParameters = query;
  return handler(event, lambdaContext(httpFunctions.listUsers));
}

async function addUsers(...usernames: string[]) {
  const at = new Date().toISOString();
  for (const username of usernames) {
    await userStore().create({
      username,
      role: 'viewer',
      passwordHash: '$2b$04$placeholder',
      disabled: false,
      createdAt: at,
      updatedAt: at,
      tokenVersion: 0,
      loginGeneration: 0,
    });
  }
}

describe('GET /users', () => {
  it('refuses a caller without credentials with 401', async () => {
    expectProblem(await listUsers({}, {}), 401);
  });

  it('refuses a viewer, who may not read users, with 403', async () => {
    expectProblem(await listUsers({}, await authHeaders('viewer')), 403);
  });

  it('lets an editor, who may read users, list them', async () => {
    expect((await listUsers({}, await authHeaders('editor'))).statusCode).toBe(200);
  });

  it('lists accounts without their password hashes', async () => {
    await addUsers('ada', 'grace');

    const result = await listUsers();

    expect(result.statusCode).toBe(200);
    const body = jsonBody(result) as UserList;
    expect(body.items.map((user) => user.username).sort()).toEqual(['ada', 'grace', 'root']);
    expect(String(result.body)).not.toContain('passwordHash');
    expect(String(result.body)).not.toContain('$2b$');
  });

  it('keeps account lists out of caches', async () => {
    expect((await listUsers()).headers['cache-control']).toBe('no-store');
  });

  it('visits every account once when following the cursor', async () => {
    await addUsers('ada', 'barbara', 'claude', 'dennis', 'edsger');
    const seen: string[] = [];
    let cursor: string | undefined;

    do {
      const page = jsonBody(await listUsers({ limit: '2', ...(cursor && { cursor }) })) as UserList;
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((user) => user.username));
      cursor = page.nextCursor;
    } while (cursor !== undefined);

    expect(seen.sort()).toEqual(['ada', 'barbara', 'claude', 'dennis', 'edsger', 'root']);
  });

  it('gives no next cursor when everything fits on one page', async () => {
    expect(jsonBody(await listUsers({ limit: '10' }))).not.toHaveProperty('nextCursor');
  });

  it('refuses a cursor it did not issue', async () => {
    const problem = expectProblem(await listUsers({ cursor: 'not-a-cursor' }), 400);

    expect(problem.errors?.[0]?.field).toBe('cursor');
  });

  it('refuses a cursor issued for another list', async () => {
    const foreign = encodeCursor('concepts', { after: 'ada' });

    const problem = expectProblem(await listUsers({ cursor: foreign }), 400);

    expect(problem.detail).toMatch(/different query/);
  });

  it.each(['0', '101', 'ten', '2.5', '2,3'])('refuses the limit %s', async (limit) => {
    const problem = expectProblem(await listUsers({ limit }), 400);

    expect(problem.errors?.[0]?.field).toBe('limit');
  });

  it('refuses an unknown parameter', async () => {
    const problem = expectProblem(await listUsers({ role: 'admin' }), 400);

    expect(problem.errors?.[0]?.message).toMatch(/role/);
  });
});
