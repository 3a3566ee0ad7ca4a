import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { handler as createApiKey } from '#functions/http/create-api-key';
import { handler as getTask } from '#functions/http/get-task';
import { handler as revokeApiKey } from '#functions/http/revoke-api-key';
import { httpFunctions } from '#functions/manifest';
import { userStore } from '#shared/container/identity';
import type { HttpResult } from '#shared/http/types';
import { authHeaders } from '../support/auth.ts';
import { useEmbeddedDefaults } from '../support/embedded.ts';
import { httpEvent, lambdaContext } from '../support/events.ts';
import { jsonBody } from '../support/http.ts';
import { expectUnauthorized } from '../support/unauthorized.ts';

useEmbeddedDefaults();

const API_KEY_CHALLENGE = /^ApiKey realm="yggdrasil", header="X-API-Key"$/;

/** GET /tasks/{taskId} of an unknown task: 404 once the caller is let in, 401 before. */
async function getTaskWith(headers: Record<string, string>): Promise<HttpResult> {
  const taskId = randomUUID();
  const event = httpEvent({
    method: 'GET',
    path: `/tasks/${taskId}`,
    routeKey: 'GET /tasks/{taskId}',
    pathParameters: { taskId },
    headers,
  });
  return getTask(event, lambdaContext(httpFunctions.getTask));
}

/** A viewer's bearer headers and a key issued to them through POST /api-keys. */
async function aKeyHolder(): Promise<{ username: string; bearer: Record<string, string>; key: string; keyId: string }> {
  const username = `viewer-${randomUUID().slice(0, 8)}`;
  const bearer = await authHeaders('viewer', username);
  const event = httpEvent({
    method: 'POST',
    path: '/api-keys',
    body: JSON.stringify({ name: 'ci' }),
    headers: { 'content-type': 'application/json', ...bearer },
  });
  const result = await createApiKey(event, lambdaContext(httpFunctions.createApiKey));
  expect(result.statusCode).toBe(201);
  const { key, keyId } = jsonBody(result) as { key: string; keyId: string };
  return { username, bearer, key, keyId };
}

async function revoke(keyId: string, bearer: Record<string, string>): Promise<HttpResult> {
  const event = httpEvent({
    method: 'DELETE',
    path: `/api-keys/${keyId}`,
    routeKey: 'DELETE /api-keys/{keyId}',
    pathParameters: { keyId },
    headers: bearer,
  });
  return revokeApiKey(event, lambdaContext(httpFunctions.revokeApiKey));
}

describe('API keys at GET /tasks/{taskId}', () => {
  it('lets in a key issued through POST /api-keys (404 for the unknown task, not 401)', async () => {
    // Prepare
    const { key } = await aKeyHolder();

    // Act
    const result = await getTaskWith({ 'x-api-key': key });

    // Assess
    expect(result.statusCode).toBe(404);
  });

  it('refuses a key revoked through DELETE /api-keys/{keyId} with 401', async () => {
    // Prepare
    const { key, keyId, bearer } = await aKeyHolder();
    expect((await revoke(keyId, bearer)).statusCode).toBe(204);

    // Act
    const result = await getTaskWith({ 'x-api-key': key });

    // Assess
    expectUnauthorized(result, API_KEY_CHALLENGE, key);
  });

  it('refuses the key of a user disabled since it was issued with 401', async () => {
    // Prepare
    const { key, username } = await aKeyHolder();
    await userStore().setDisabled(username, true, new Date());

    // Act
    const result = await getTaskWith({ 'x-api-key': key });

    // Assess
    expectUnauthorized(result, /^Bearer realm="yggdrasil"/, key);
  });

  it('refuses an unknown key of the right shape with 401', async () => {
    // Prepare
    await aKeyHolder();
    const unknown = `mcp_${Buffer.from(randomUUID() + randomUUID())
      .toString('base64url')
      .slice(0, 43)}`;

    // Act
    const result = await getTaskWith({ 'x-api-key': unknown });

    // Assess
    expectUnauthorized(result, API_KEY_CHALLENGE, unknown);
  });

  it.each([
    ['a key with one character more', (key: string) => `${key}A`],
    ['a key with one character less', (key: string) => key.slice(0, -1)],
    ['a key with one character changed', (key: string) => `${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`],
    ['a key in upper case', (key: string) => key.toUpperCase()],
    ['a key under another prefix', (key: string) => `sk_${key.slice(4)}`],
    ['a key padded with spaces inside', (key: string) => `mcp_ ${key.slice(4)}`],
    ['an empty value', () => ''],
    ['a bearer token in the wrong header', () => 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.c2lnbmF0dXJl'],
    ['a very long value', (key: string) => key.repeat(2000)],
  ])('refuses %s with 401', async (_name, malform) => {
    // Prepare
    const { key } = await aKeyHolder();
    const malformed = malform(key);

    // Act
    const result = await getTaskWith({ 'x-api-key': malformed });

    // Assess
    expectUnauthorized(result, API_KEY_CHALLENGE, malformed);
  });

  it('refuses an API key sent as a bearer token with 401', async () => {
    // Prepare
    const { key } = await aKeyHolder();

    // Act
    const result = await getTaskWith({ authorization: `Bearer ${key}` });

    // Assess
    expectUnauthorized(result, /^Bearer realm="yggdrasil", error="invalid_token"/, key);
  });
});
