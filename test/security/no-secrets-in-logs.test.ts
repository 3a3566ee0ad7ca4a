import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { httpFunctions } from '#functions/manifest';
import type { HttpFunction } from '#functions/manifest';
import type { HttpEvent, HttpResult } from '#shared/http/types';
import { captureOutput } from '../support/captured-output.ts';
import { useEmbeddedDefaults } from '../support/embedded.ts';
import { httpEvent, lambdaContext } from '../support/events.ts';
import { jsonBody } from '../support/http.ts';

useEmbeddedDefaults();

// Characters that JSON and form encoding rewrite, so an encoded copy of a password in a log is caught too.
const ADMIN_PASSWORD = 'Adm1n "quoted" \\ pass & more!';
const ADA_PASSWORD = 'correct horse battery staple?';
const WRONG_PASSWORD = 'Tr0ub4dor&3 "not it"';
/** What a user types into the username field by mistake: a password that is also a well-formed username. */
const PASSWORD_AS_USERNAME = 'purple-monkey-dishwasher-42';

beforeEach(() => {
  // The logger reads its level when its module loads: `app()` loads the handlers afresh after this.
  vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'DEBUG');
});

/** The handlers and container, loaded afresh so that the logger they share reads the environment of this test. */
async function app() {
  vi.resetModules();
  const [
    issueToken,
    createUser,
    createApiKey,
    revokeApiKey,
    getTask,
    accounts,
    apiKeys,
    keyRing,
    settings,
    identity,
    hashing,
    secrets,
    audit,
    lifecycle,
  ] = await Promise.all([
    import('#functions/http/issue-token'),
    import('#functions/http/create-user'),
    import('#functions/http/create-api-key'),
    import('#functions/http/revoke-api-key'),
    import('#functions/http/get-task'),
    import('#shared/auth/accounts'),
    import('#shared/auth/api-keys'),
    import('#shared/auth/signing-keys'),
    import('#shared/config'),
    import('#shared/container/identity'),
    import('#shared/container/passwords'),
    import('#shared/container/secrets'),
    import('#shared/container/audit'),
    import('#shared/container/lifecycle'),
  ]);
  return {
    handlers: {
      issueToken: issueToken.handler,
      createUser: createUser.handler,
      createApiKey: createApiKey.handler,
      revokeApiKey: revokeApiKey.handler,
      getTask: getTask.handler,
    },
    createAccount: accounts.createAccount,
    hashApiKey: apiKeys.hashApiKey,
    ensureSigningKeys: keyRing.ensureSigningKeys,
    config: settings.config,
    userStore: identity.userStore,
    passwordHasher: hashing.passwordHasher,
    secretStore: secrets.secretStore,
    auditLog: audit.auditLog,
    closeContainer: lifecycle.closeContainer,
  };
}
type App = Awaited<ReturnType<typeof app>>;

type Handler = (event: HttpEvent, context: ReturnType<typeof lambdaContext>) => Promise<HttpResult>;

async function call(handler: Handler, fn: HttpFunction, event: HttpEvent, expected: number): Promise<HttpResult> {
  const result = await handler(event, lambdaContext(fn));
  expect(result.statusCode, `${event.routeKey} answered ${String(result.body)}`).toBe(expected);
  return result;
}

const login = (app: App, username: string, password: string, expected: number) =>
  call(
    app.handlers.issueToken,
    httpFunctions.issueToken,
    httpEvent({
      method: 'POST',
      path: '/token',
      body: new URLSearchParams({ grant_type: 'password', username, password }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    }),
    expected,
  );

const getTask = (app: App, headers: Record<string, string>, expected: number) => {
  const taskId = randomUUID();
  return call(
    app.handlers.getTask,
    httpFunctions.getTask,
    httpEvent({
      method: 'GET',
      path: `/tasks/${taskId}`,
      routeKey: 'GET /tasks/{taskId}',
      pathParameters: { taskId },
      headers,
    }),
    expected,
  );
};

const accessTokenOf = (result: HttpResult) => (jsonBody(result) as { access_token: string }).access_token;
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** Every spelling of a password a log could hold: as typed, form-encoded as sent, JSON-escaped. */
function passwordForms(name: string, password: string): [string, string][] {
  return [
    [name, password],
    [`${name} (form-encoded)`, new URLSearchParams({ p: password }).toString().slice(2)],
    [`${name} (JSON-escaped)`, JSON.stringify(password).slice(1, -1)],
  ];
}

function tokenForms(name: string, token: string): [string, string][] {
  return [
    [name, token],
    [`${name}'s signature`, token.split('.')[2] ?? token],
  ];
}

interface Session {
  /** Every line written while the session ran. */
  readonly lines: string[];
  /** How many requests the session made. */
  readonly requests: number;
  /** Each secret the session used or made, by name. */
  readonly secrets: [string, string][];
  /** The audit trail the session left: one JSON line per entry, as stored. */
  readonly auditTrail: string[];
}

/**
 * A realistic session through the handlers: an admin logs in (once mistyping), creates a user with a
 * password; she logs in (once mistyping), makes an API key, uses it and her token, sends a tampered
 * token and a made-up key, revokes the key and tries it again.
 */
async function runSession(): Promise<Session> {
  const ygg = await app();
  const { signingKeysSecretId: secretId } = ygg.config().tokens;
  await ygg.ensureSigningKeys(ygg.secretStore(), { secretId, now: new Date() });
  await ygg.createAccount(
    ygg.userStore(),
    ygg.passwordHasher(),
    { username: 'root', password: ADMIN_PASSWORD, role: 'admin' },
    new Date(),
  );
  const output = captureOutput();
  let requests = 0;
  const counted = <T>(request: Promise<T>) => {
    requests++;
    return request;
  };
  try {
    await counted(login(ygg, 'root', WRONG_PASSWORD, 400));
    await counted(login(ygg, PASSWORD_AS_USERNAME, ADMIN_PASSWORD, 400));
    const adminToken = accessTokenOf(await counted(login(ygg, 'root', ADMIN_PASSWORD, 200)));
    await counted(
      call(
        ygg.handlers.createUser,
        httpFunctions.createUser,
        httpEvent({
          method: 'POST',
          path: '/users',
          body: JSON.stringify({ username: 'ada', password: ADA_PASSWORD, role: 'editor' }),
          headers: { 'content-type': 'application/json', ...bearer(adminToken) },
        }),
        201,
      ),
    );
    await counted(login(ygg, 'ada', WRONG_PASSWORD, 400));
    const adaToken = accessTokenOf(await counted(login(ygg, 'ada', ADA_PASSWORD, 200)));
    const created = await counted(
      call(
        ygg.handlers.createApiKey,
        httpFunctions.createApiKey,
        httpEvent({
          method: 'POST',
          path: '/api-keys',
          body: JSON.stringify({ name: 'ci' }),
          headers: { 'content-type': 'application/json', ...bearer(adaToken) },
        }),
        201,
      ),
    );
    const { key, keyId } = jsonBody(created) as { key: string; keyId: string };
    await counted(getTask(ygg, { 'x-api-key': key }, 404));
    await counted(getTask(ygg, bearer(adaToken), 404));
    const [header = '', claims = '', signature = ''] = adaToken.split('.');
    const raised = Buffer.from(
      JSON.stringify({ ...(JSON.parse(Buffer.from(claims, 'base64url').toString()) as object), role: 'admin' }),
    ).toString('base64url');
    await counted(getTask(ygg, bearer(`${header}.${raised}.${signature}`), 401));
    await counted(getTask(ygg, { 'x-api-key': `${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}` }, 401));
    await counted(
      call(
        ygg.handlers.revokeApiKey,
        httpFunctions.revokeApiKey,
        httpEvent({
          method: 'DELETE',
          path: `/api-keys/${keyId}`,
          routeKey: 'DELETE /api-keys/{keyId}',
          pathParameters: { keyId },
          headers: bearer(adaToken),
        }),
        204,
      ),
    );
    await counted(getTask(ygg, { 'x-api-key': key }, 401));

    const hashes = await Promise.all(
      ['root', 'ada'].map(async (name) => (await ygg.userStore().get(name))?.passwordHash),
    );
    const auditTrail = (await ygg.auditLog().query({ limit: 100 })).entries.map((entry) => JSON.stringify(entry));
    return {
      lines: output.lines(),
      requests,
      auditTrail,
      secrets: [
        ...passwordForms("the admin's password", ADMIN_PASSWORD),
        ...passwordForms("ada's password", ADA_PASSWORD),
        ...passwordForms('the mistyped password', WRONG_PASSWORD),
        ['the password typed as a username', PASSWORD_AS_USERNAME],
        ...tokenForms("the admin's access token", adminToken),
        ...tokenForms("ada's access token", adaToken),
        ['the API key', key],
        ["the API key's random part", key.slice(4)],
        ["the API key's hash", ygg.hashApiKey(key)],
        ...hashes.map((hash, index): [string, string] => [`password hash ${index + 1}`, hash ?? 'missing hash']),
      ],
    };
  } finally {
    output.stop();
    await ygg.closeContainer();
  }
}

/** `name: line` for every line holding a secret; empty when none does. */
function leaks(lines: readonly string[], secrets: readonly [string, string][]): string[] {
  return secrets.flatMap(([name, secret]) =>
    lines.filter((line) => line.includes(secret)).map((line) => `${name}: ${line}`),
  );
}

describe('logs of a session of logins, users, tokens and API keys', () => {
  it('hold one JSON request line per request, so there is something to search', async () => {
    // Act
    const session = await runSession();

    // Assess
    const requestLines = session.lines.filter((line) => line.includes('"message":"request"'));
    expect(requestLines).toHaveLength(session.requests);
    for (const line of requestLines)
      expect(JSON.parse(line)).toMatchObject({ level: 'INFO', status: expect.any(Number) as unknown });
  });

  it('hold no password, access token, API key or hash', async () => {
    // Act
    const session = await runSession();

    // Assess
    expect(leaks(session.lines, session.secrets)).toEqual([]);
  });

  it('hold no password, access token, API key or hash even with event logging switched on', async () => {
    // Prepare
    vi.stubEnv('POWERTOOLS_LOGGER_LOG_EVENT', 'true');

    // Act
    const session = await runSession();

    // Assess
    expect(leaks(session.lines, session.secrets)).toEqual([]);
  });
});

describe('the audit trail of the same session', () => {
  it('holds no password, access token, API key or hash', async () => {
    // Act
    const session = await runSession();

    // Assess
    expect(session.auditTrail.filter((entry) => entry.includes('"login.failure"'))).toHaveLength(3);
    expect(leaks(session.auditTrail, session.secrets)).toEqual([]);
  });
});
