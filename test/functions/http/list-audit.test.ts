import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { handler as createApiKey } from '#functions/http/create-api-key';
import { handler as createUser } from '#functions/http/create-user';
import { handler as issueToken } from '#functions/http/issue-token';
import { handler } from '#functions/http/list-audit';
import { handler as revokeApiKey } from '#functions/http/revoke-api-key';
import { httpFunctions } from '#functions/manifest';
import { auditLog } from '#shared/container/audit';
import { newAuditEntry } from '#shared/domain/audit';
import type { AuditEntry } from '#shared/domain/audit';
import { AUDIT_DEFAULT_LIMIT } from '#shared/services/audit-trail';
import { authHeaders } from '../../support/auth.ts';
import { useEmbeddedDefaults } from '../../support/embedded.ts';
import { httpEvent, lambdaContext } from '../../support/events.ts';
import { expectProblem, jsonBody } from '../../support/http.ts';

useEmbeddedDefaults();

interface AuditList {
  items: AuditEntry[];
  nextCursor?: string;
}

let admin: Record<string, string>;

beforeEach(async () => {
  admin = await authHeaders('admin', 'root');
});

async function listAudit(query: Record<string, string> = {}, headers: Record<string, string> = admin) {
  const event = httpEvent({ method: 'GET', path: '/audit', headers });
  if (Object.keys(query).length > 0) event.queryStringParameters = query;
  return handler(event, lambdaContext(httpFunctions.listAudit));
}

const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000);

/** An entry as the audit middleware would have written it `at`. */
async function recorded(at: Date, actor: string, action = 'user.create'): Promise<void> {
  const event = {
    actor,
    actorKind: 'user' as const,
    action,
    resourceType: 'user',
    outcome: 'success' as const,
    status: 201,
    ip: '127.0.0.1',
    userAgent: 'vitest',
    requestId: randomUUID(),
  };
  await auditLog().record(newAuditEntry(event, { at }));
}

const actions = (result: Awaited<ReturnType<typeof listAudit>>) =>
  (jsonBody(result) as AuditList).items.map((entry) => `${entry.actor} ${entry.action}`);

describe('GET /audit', () => {
  it('refuses a caller without credentials with 401', async () => {
    expectProblem(await listAudit({}, {}), 401);
  });

  it('refuses an editor, who does not administer the system, with 403', async () => {
    expectProblem(await listAudit({}, await authHeaders('editor')), 403);
  });

  it('lists entries newest first', async () => {
    await recorded(hoursAgo(3), 'ada', 'first');
    await recorded(hoursAgo(1), 'ada', 'third');
    await recorded(hoursAgo(2), 'ada', 'second');

    const result = await listAudit();

    expect(result.statusCode).toBe(200);
    expect(actions(result)).toEqual(['ada third', 'ada second', 'ada first']);
    expect(result.headers['cache-control']).toBe('no-store');
  });

  it("lists only one user's entries when asked", async () => {
    await recorded(hoursAgo(2), 'ada');
    await recorded(hoursAgo(1), 'grace');

    expect(actions(await listAudit({ user: 'grace' }))).toEqual(['grace user.create']);
  });

  it('lists only the entries between from and to, both included', async () => {
    const [older, from, middle, to, newer] = [5, 4, 3, 2, 1].map(hoursAgo) as [Date, Date, Date, Date, Date];
    await recorded(older, 'ada', 'older');
    await recorded(from, 'ada', 'from');
    await recorded(middle, 'ada', 'middle');
    await recorded(to, 'ada', 'to');
    await recorded(newer, 'ada', 'newer');

    const result = await listAudit({ from: from.toISOString(), to: to.toISOString() });

    expect(actions(result)).toEqual(['ada to', 'ada middle', 'ada from']);
  });

  it('accepts bounds with a time-zone offset', async () => {
    await recorded(new Date('2030-01-01T11:30:00Z'), 'ada');

    const result = await listAudit({ from: '2030-01-01T12:00:00+01:00', to: '2030-01-01T12:00:00Z' });

    expect(actions(result)).toEqual(['ada user.create']);
  });

  it(`returns ${AUDIT_DEFAULT_LIMIT} entries and a cursor when no limit is given`, async () => {
    for (let index = 0; index <= AUDIT_DEFAULT_LIMIT; index += 1) await recorded(hoursAgo(index + 1), 'ada');

    const page = jsonBody(await listAudit()) as AuditList;

    expect(page.items).toHaveLength(AUDIT_DEFAULT_LIMIT);
    expect(page.nextCursor).toEqual(expect.any(String));
  });

  it('visits every entry once when following the cursor with the same filters', async () => {
    for (let index = 0; index < 5; index += 1) await recorded(hoursAgo(index + 1), 'ada', `action-${index}`);
    await recorded(hoursAgo(1), 'grace');
    const seen: string[] = [];
    let cursor: string | undefined;

    do {
      const page = jsonBody(await listAudit({ user: 'ada', limit: '2', ...(cursor && { cursor }) })) as AuditList;
      seen.push(...page.items.map((entry) => entry.action));
      cursor = page.nextCursor;
    } while (cursor !== undefined);

    expect(seen).toEqual(['action-0', 'action-1', 'action-2', 'action-3', 'action-4']);
  });

  it('refuses a cursor issued for other filters', async () => {
    for (let index = 0; index < 3; index += 1) await recorded(hoursAgo(index + 1), 'ada');
    const { nextCursor = '' } = jsonBody(await listAudit({ user: 'ada', limit: '1' })) as AuditList;

    const problem = expectProblem(await listAudit({ user: 'grace', limit: '1', cursor: nextCursor }), 400);

    expect(problem.errors?.[0]?.field).toBe('cursor');
  });

  it('refuses a cursor it did not issue', async () => {
    const problem = expectProblem(await listAudit({ cursor: 'bm90IGEgY3Vyc29y' }), 400);

    expect(problem.errors?.[0]?.field).toBe('cursor');
  });

  it.each([
    ['from', 'yesterday'],
    ['from', '2030-01-01'],
    ['from', '2030-01-01T12:00:00'],
    ['to', '2030-13-01T00:00:00Z'],
    ['to', '1969-12-31T23:59:59Z'],
  ])('refuses %s=%s', async (name, value) => {
    const problem = expectProblem(await listAudit({ [name]: value }), 400);

    expect(problem.errors?.map((error) => error.field)).toContain(name);
  });

  it('refuses from after to', async () => {
    const problem = expectProblem(await listAudit({ from: '2030-01-02T00:00:00Z', to: '2030-01-01T00:00:00Z' }), 400);

    expect(problem.errors?.[0]?.field).toBe('from');
  });

  it.each(['0', '101', 'fifty', '1.5', '10,20'])('refuses the limit %s', async (limit) => {
    const problem = expectProblem(await listAudit({ limit }), 400);

    expect(problem.errors?.[0]?.field).toBe('limit');
  });

  it('refuses a user filter that cannot be a username', async () => {
    const problem = expectProblem(await listAudit({ user: 'ada,grace' }), 400);

    expect(problem.errors?.[0]?.field).toBe('user');
  });

  it('refuses an unknown parameter', async () => {
    const problem = expectProblem(await listAudit({ actor: 'ada' }), 400);

    expect(problem.errors?.[0]?.message).toMatch(/actor/);
  });
});

describe('the audit trail', () => {
  const PASSWORD = 'correct horse battery staple';

  const jsonPost = (path: string, body: unknown, headers: Record<string, string>) =>
    httpEvent({
      method: 'POST',
      path,
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json', ...headers },
    });
  const addUser = (body: unknown, headers: Record<string, string>) =>
    createUser(jsonPost('/users', body, headers), lambdaContext(httpFunctions.createUser));
  const login = (password: string) =>
    issueToken(
      httpEvent({
        method: 'POST',
        path: '/token',
        body: new URLSearchParams({ grant_type: 'password', username: 'ada', password }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }),
      lambdaContext(httpFunctions.issueToken),
    );
  const addKey = (headers: Record<string, string>) =>
    createApiKey(jsonPost('/api-keys', { name: 'ci' }, headers), lambdaContext(httpFunctions.createApiKey));
  const revokeKey = (keyId: string, headers: Record<string, string>) =>
    revokeApiKey(
      httpEvent({
        method: 'DELETE',
        path: `/api-keys/${keyId}`,
        routeKey: 'DELETE /api-keys/{keyId}',
        pathParameters: { keyId },
        headers,
      }),
      lambdaContext(httpFunctions.revokeApiKey),
    );

  it('holds every audited action exactly once, with its actor and outcome', async () => {
    const viewer = await authHeaders('viewer', 'vera');
    expect((await addUser({ username: 'ada', password: PASSWORD, role: 'editor' }, admin)).statusCode).toBe(201);
    const loggedIn = await login(PASSWORD);
    expect(loggedIn.statusCode).toBe(200);
    expect((await login('not the right password')).statusCode).toBe(400);
    const bearer = { authorization: `Bearer ${(jsonBody(loggedIn) as { access_token: string }).access_token}` };
    const { keyId } = jsonBody(await addKey(bearer)) as { keyId: string };
    expect((await revokeKey(keyId, bearer)).statusCode).toBe(204);
    expect((await addUser({ username: 'eve', password: PASSWORD, role: 'admin' }, viewer)).statusCode).toBe(403);

    const { items } = jsonBody(await listAudit({ limit: '100' })) as AuditList;

    const trail = items.map(({ actor, action, outcome, resourceId }) => ({ actor, action, outcome, resourceId }));
    expect(trail).toHaveLength(6);
    expect(trail).toEqual(
      expect.arrayContaining([
        { actor: 'root', action: 'user.create', outcome: 'success', resourceId: 'ada' },
        { actor: 'ada', action: 'login.success', outcome: 'success', resourceId: undefined },
        { actor: 'ada', action: 'login.failure', outcome: 'failure', resourceId: undefined },
        { actor: 'ada', action: 'api-key.create', outcome: 'success', resourceId: keyId },
        { actor: 'ada', action: 'api-key.revoke', outcome: 'success', resourceId: keyId },
        { actor: 'vera', action: 'request.denied', outcome: 'denied', resourceId: undefined },
      ]),
    );
  });
});
