import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
  process.env.YGG_IN_MEMORY = 'true';
  process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
});

import { startLocalRuntime, type LocalRuntime } from '#infra/local/main';
import { UNSAFE_TEXT_MESSAGE } from '#shared/domain/text';
import { useEmbeddedAdapters } from '../../infra/local/fixtures/embedded-adapters.ts';
import { authHeaders } from '../../support/auth.ts';

let runtime: LocalRuntime;
let admin: Record<string, string>;

beforeAll(async () => {
  useEmbeddedAdapters();
  runtime = await startLocalRuntime({ port: 0 });
  admin = await authHeaders('admin');
});

afterAll(async () => {
  await runtime.stop();
});

/** Raw JSON text, so the escapes below reach the server as JSON escapes (a lone surrogate cannot be sent as UTF-8). */
async function post(path: string, json: string): Promise<Response> {
  return fetch(`${runtime.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...admin },
    body: json,
  });
}

const NUL = '\\u0000';
const LONE = '\\ud83c';

describe('text a store would not return as sent', () => {
  it.each([
    { path: '/concepts', json: `{"name":"${NUL}x"}`, field: 'name' },
    { path: '/concepts', json: `{"name":"Oslo","description":"a${LONE}b"}`, field: 'description' },
    { path: '/claims', json: `{"text":"Paris is the capital${NUL} of Germany"}`, field: 'text' },
    { path: '/claims', json: `{"text":"ok","source":"x\\u001b[31m"}`, field: 'source' },
    { path: '/documents', json: `{"documents":[{"title":"t","text":"a${NUL}b"}]}`, field: 'documents.0.text' },
    { path: '/api-keys', json: `{"name":"laptop\\udf33"}`, field: 'name' },
    {
      path: '/users',
      json: `{"username":"nul-user","password":"twelve chars${NUL}","role":"viewer"}`,
      field: 'password',
    },
  ])('is refused on POST $path with a 400 naming $field', async ({ path, json, field }) => {
    const response = await post(path, json);

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      type: '/problems/validation-error',
      errors: [{ field, message: UNSAFE_TEXT_MESSAGE }],
    });
  });

  it('leaves nothing stored when refused', async () => {
    await post('/concepts', `{"name":"${NUL}refused"}`);

    const listed = await fetch(`${runtime.url}/concepts?nameContains=refused`, { headers: admin });

    expect(((await listed.json()) as { items: unknown[] }).items).toEqual([]);
  });

  it('is refused in a query parameter too', async () => {
    const response = await fetch(`${runtime.url}/concepts?nameContains=a%00b`, { headers: admin });

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ errors: [{ field: 'nameContains', message: UNSAFE_TEXT_MESSAGE }] });
  });
});
