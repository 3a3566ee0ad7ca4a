import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import * as createApiKey from '#functions/http/create-api-key';
import * as createClaim from '#functions/http/create-claim';
import * as createConcept from '#functions/http/create-concept';
import { httpFunctions } from '#functions/manifest';
import { auditLog } from '#shared/container/audit';
import { embeddedDatabase } from '#shared/container/embedded-database';
import { knowledgeStore } from '#shared/container/knowledge';
import { CONCEPT_LIMITS } from '#shared/domain/concepts';
import type { HttpResult } from '#shared/http/types';
import { endpoint } from '../../functions/http/knowledge-requests.ts';
import { authHeaders } from '../../support/auth.ts';
import { useEmbeddedDefaults } from '../../support/embedded.ts';
import { expectProblem, jsonBody } from '../../support/http.ts';

useEmbeddedDefaults();

const api = {
  createConcept: endpoint(httpFunctions.createConcept, createConcept.handler),
  createClaim: endpoint(httpFunctions.createClaim, createClaim.handler),
  createApiKey: endpoint(httpFunctions.createApiKey, createApiKey.handler),
};

let editor: Record<string, string>;

beforeEach(async () => {
  editor = await authHeaders('editor', 'edda');
});

async function concepts() {
  return (await knowledgeStore().concepts.list({ limit: CONCEPT_LIMITS.maxPageSize })).items;
}

function postConcept(key: string | undefined, body: unknown = { name: 'Yggdrasil' }, headers = editor) {
  return api.createConcept({ headers: { ...headers, ...(key !== undefined && { 'idempotency-key': key }) }, body });
}

describe('Idempotency-Key on POST /concepts', () => {
  it('makes one concept of 20 concurrent identical requests with one key', async () => {
    // Prepare
    const key = randomUUID();

    // Act
    const results = await Promise.all(Array.from({ length: 20 }, () => postConcept(key)));

    // Assess
    expect(await concepts()).toHaveLength(1);
    const statuses = new Set(results.map((result) => result.statusCode));
    expect([...statuses].every((status) => status === 201 || status === 409)).toBe(true);
    const ids = new Set(results.filter((result) => result.statusCode === 201).map((result) => idOf(result)));
    expect(ids.size).toBe(1);
  });

  it('answers a concurrent duplicate with 409 and Retry-After while the first is running', async () => {
    // Prepare
    const key = randomUUID();

    // Act
    const results = await Promise.all(Array.from({ length: 5 }, () => postConcept(key)));

    // Assess
    const conflicts = results.filter((result) => result.statusCode === 409);
    for (const conflict of conflicts) {
      expect(expectProblem(conflict, 409).type).toBe('/problems/idempotency-in-progress');
      expect(conflict.headers['retry-after']).toBe('1');
    }
    expect(results.filter((result) => result.statusCode === 201).length + conflicts.length).toBe(5);
  });

  it('replays the first response to a retry, marked Idempotent-Replayed, and makes nothing new', async () => {
    // Prepare
    const key = randomUUID();
    const first = await postConcept(key);

    // Act
    const retry = await postConcept(key);

    // Assess
    expect(retry.statusCode).toBe(201);
    expect(jsonBody(retry)).toEqual(jsonBody(first));
    expect(retry.headers.location).toBe(first.headers.location);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(await concepts()).toHaveLength(1);
  });

  it('does not audit a replay a second time', async () => {
    // Prepare
    const key = randomUUID();
    await postConcept(key);

    // Act
    await postConcept(key);

    // Assess
    const { entries } = await auditLog().query({ user: 'edda', limit: 10 });
    expect(entries).toHaveLength(1);
  });

  it('refuses the same key with another body with 422, and makes nothing', async () => {
    // Prepare
    const key = randomUUID();
    await postConcept(key, { name: 'Yggdrasil' });

    // Act
    const other = await postConcept(key, { name: 'Bifrost' });

    // Assess
    expect(expectProblem(other, 422).type).toBe('/problems/idempotency-key-reused');
    expect((await concepts()).map((concept) => concept.name)).toEqual(['Yggdrasil']);
  });

  it('refuses the same key on another route with 422', async () => {
    // Prepare
    const key = randomUUID();
    await postConcept(key);

    // Act
    const claim = await api.createClaim({
      headers: { ...editor, 'idempotency-key': key },
      body: { text: 'Yggdrasil is an ash tree' },
    });

    // Assess
    expectProblem(claim, 422);
    expect((await knowledgeStore().claims.list({ limit: 10 })).items).toHaveLength(0);
  });

  it("keeps one caller's keys apart from another's", async () => {
    // Prepare
    const key = randomUUID();
    const other = await authHeaders('editor', 'grace');
    await postConcept(key);

    // Act
    const theirs = await postConcept(key, { name: 'Yggdrasil' }, other);

    // Assess
    expect(theirs.statusCode).toBe(201);
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
    expect(await concepts()).toHaveLength(2);
  });

  it('creates on every request without the header, as before', async () => {
    // Act
    await postConcept(undefined);
    await postConcept(undefined);

    // Assess
    expect(await concepts()).toHaveLength(2);
  });

  it('keeps no record of a failed request, so the corrected retry runs', async () => {
    // Prepare
    const key = randomUUID();
    const failed = await postConcept(key, { name: '' });

    // Act
    const corrected = await postConcept(key, { name: 'Yggdrasil' });

    // Assess
    expectProblem(failed, 400);
    expect(corrected.statusCode).toBe(201);
  });

  it.each([
    ['an empty key', ''],
    ['a key over 255 characters', 'k'.repeat(256)],
    ['a key with a space', 'two words'],
    ['a key with a non-ASCII character', 'clé'],
  ])('refuses %s with 400 naming the header, and makes nothing', async (_case, key) => {
    // Act
    const result = await postConcept(key);

    // Assess
    expect(expectProblem(result, 400).detail).toMatch(/Idempotency-Key/);
    expect(await concepts()).toHaveLength(0);
  });
});

describe('Idempotency-Key on POST /api-keys', () => {
  it('replays the same key to a retry and makes only one', async () => {
    // Prepare
    const key = randomUUID();
    const first = await api.createApiKey({ headers: { ...editor, 'idempotency-key': key }, body: { name: 'ci' } });

    // Act
    const retry = await api.createApiKey({ headers: { ...editor, 'idempotency-key': key }, body: { name: 'ci' } });

    // Assess
    expect(jsonBody(retry)).toEqual(jsonBody(first));
    expect(retry.headers['cache-control']).toBe('no-store');
  });

  it('never stores the new API key in readable form', async () => {
    // Prepare
    const result = await api.createApiKey({
      headers: { ...editor, 'idempotency-key': randomUUID() },
      body: { name: 'ci' },
    });
    const { key } = jsonBody(result) as { key: string };

    // Act
    const stored = JSON.stringify(embeddedDatabase().prepare('SELECT * FROM idempotency').all());

    // Assess
    expect(stored).not.toContain(key);
    expect(stored).not.toContain(key.slice(4, 20));
  });
});

function idOf(result: HttpResult): string {
  return (jsonBody(result) as { id: string }).id;
}
