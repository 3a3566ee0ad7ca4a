import { beforeEach, describe, expect, it } from 'vitest';
import { httpFunctions } from '#functions/manifest';
import * as addEvidence from '#functions/http/add-evidence';
import * as createClaim from '#functions/http/create-claim';
import * as deleteClaim from '#functions/http/delete-claim';
import * as getClaim from '#functions/http/get-claim';
import * as listClaims from '#functions/http/list-claims';
import * as listEvidence from '#functions/http/list-evidence';
import * as updateClaim from '#functions/http/update-claim';
import { localCache, sharedCache } from '#shared/container/cache';
import { knowledgeStore } from '#shared/container/knowledge';
import {
  CLAIM_LIMITS,
  newEvidence,
  newEvidenceId,
  type Claim,
  type ClaimPage,
  type Evidence,
} from '#shared/domain/claims';
import { cacheKeys } from '#shared/services/read-through';
import { authHeaders } from '../../support/auth.ts';
import { useEmbeddedDefaults } from '../../support/embedded.ts';
import { expectProblem, jsonBody } from '../../support/http.ts';
import { auditEntries, endpoint, UNKNOWN_CLAIM_ID, type Endpoint, type Request } from './knowledge-requests.ts';

useEmbeddedDefaults();

const api = {
  create: endpoint(httpFunctions.createClaim, createClaim.handler),
  list: endpoint(httpFunctions.listClaims, listClaims.handler),
  get: endpoint(httpFunctions.getClaim, getClaim.handler),
  update: endpoint(httpFunctions.updateClaim, updateClaim.handler),
  delete: endpoint(httpFunctions.deleteClaim, deleteClaim.handler),
  addEvidence: endpoint(httpFunctions.addEvidence, addEvidence.handler),
  evidence: endpoint(httpFunctions.listEvidence, listEvidence.handler),
};

const EDITOR = 'editor-saga';
const ADMIN = 'admin-frigg';
const VIEWER = 'viewer-heimdall';
let editor: Record<string, string>;
let admin: Record<string, string>;
let viewer: Record<string, string>;

beforeEach(async () => {
  // One after another: the first call makes the signing keys the others sign with.
  editor = await authHeaders('editor', EDITOR);
  admin = await authHeaders('admin', ADMIN);
  viewer = await authHeaders('viewer', VIEWER);
});

const claim = (claimId: string) => ({ pathParameters: { claimId } });
const support = { text: 'Snorri wrote it down', source: 'https://example.org/edda', confidence: 0.8 };

async function aClaim(fields: Record<string, unknown> = {}): Promise<Claim> {
  const result = await api.create({ headers: editor, body: { text: 'Yggdrasil holds the nine worlds', ...fields } });
  expect(result.statusCode).toBe(201);
  return jsonBody(result) as Claim;
}

/** Everything the claim routes can change, read past the API. */
async function graphState(...ids: string[]): Promise<unknown> {
  const store = knowledgeStore();
  const page = await store.claims.list({ limit: CLAIM_LIMITS.maxPageSize });
  const evidence = await Promise.all(ids.map((id) => store.listEvidence(id).catch(() => 'gone')));
  return { claims: page.items, evidence };
}

describe('the claim routes together', () => {
  it('take a claim from creation through its evidence to deletion', async () => {
    // Create, read, change, list.
    const created = await api.create({ headers: editor, body: { text: 'Yggdrasil holds the nine worlds' } });
    expect(created.statusCode).toBe(201);
    const worlds = jsonBody(created) as Claim;
    const fetched = await api.get({ headers: viewer, ...claim(worlds.id) });
    expect(jsonBody(fetched)).toEqual(worlds);
    const updated = await api.update({
      headers: { ...editor, 'if-match': fetched.headers.etag ?? '' },
      ...claim(worlds.id),
      body: { verified: true, confidence: 0.9 },
    });
    expect(jsonBody(updated)).toMatchObject({ verified: true, confidence: 0.9, version: 2 });
    const listed = jsonBody(await api.list({ headers: viewer, query: { verified: 'true' } })) as ClaimPage;
    expect(listed.items.map((item) => item.id)).toEqual([worlds.id]);

    // Support it with evidence.
    const added = await api.addEvidence({ headers: editor, ...claim(worlds.id), body: support });
    expect(added.statusCode).toBe(201);
    const evidence = jsonBody(added) as Evidence;
    expect(jsonBody(await api.evidence({ headers: viewer, ...claim(worlds.id) }))).toEqual({ items: [evidence] });

    // Delete it, and its evidence with it.
    expect((await api.delete({ headers: admin, ...claim(worlds.id) })).statusCode).toBe(204);
    expectProblem(await api.get({ headers: viewer, ...claim(worlds.id) }), 404);
    expectProblem(await api.evidence({ headers: viewer, ...claim(worlds.id) }), 404);
  });
});

describe('every claim route', () => {
  const routes: [string, Endpoint, Request][] = [
    ['POST /claims', api.create, { body: { text: 'x' } }],
    ['GET /claims', api.list, {}],
    ['GET /claims/{claimId}', api.get, claim(UNKNOWN_CLAIM_ID)],
    ['PATCH /claims/{claimId}', api.update, { ...claim(UNKNOWN_CLAIM_ID), body: { verified: true } }],
    ['DELETE /claims/{claimId}', api.delete, claim(UNKNOWN_CLAIM_ID)],
    ['POST /claims/{claimId}/evidence', api.addEvidence, { ...claim(UNKNOWN_CLAIM_ID), body: support }],
    ['GET /claims/{claimId}/evidence', api.evidence, claim(UNKNOWN_CLAIM_ID)],
  ];

  it.each(routes)('%s refuses a caller without credentials with 401', async (_route, call, request) => {
    const result = await call(request);
    expectProblem(result, 401);
    expect(result.headers['www-authenticate']).toMatch(/^Bearer/);
  });

  const writes: [string, Endpoint, (id: string) => Request][] = [
    ['POST /claims', api.create, () => ({ body: { text: 'Ratatoskr carries insults' } })],
    ['PATCH /claims/{claimId}', api.update, (id) => ({ ...claim(id), body: { verified: true } })],
    ['DELETE /claims/{claimId}', api.delete, (id) => claim(id)],
    ['POST /claims/{claimId}/evidence', api.addEvidence, (id) => ({ ...claim(id), body: support })],
  ];

  it.each(writes)('%s refuses a viewer with 403 and changes nothing', async (_route, call, request) => {
    // Prepare
    const worlds = await aClaim();
    const before = await graphState(worlds.id);

    // Act
    const result = await call({ headers: viewer, ...request(worlds.id) });

    // Assess
    expectProblem(result, 403);
    expect(await graphState(worlds.id)).toEqual(before);
  });

  const byId: [string, Endpoint, (id: string) => Request][] = [
    ['GET /claims/{claimId}', api.get, (id) => claim(id)],
    ['PATCH /claims/{claimId}', api.update, (id) => ({ ...claim(id), body: { verified: true } })],
    ['DELETE /claims/{claimId}', api.delete, (id) => claim(id)],
    ['POST /claims/{claimId}/evidence', api.addEvidence, (id) => ({ ...claim(id), body: support })],
    ['GET /claims/{claimId}/evidence', api.evidence, (id) => claim(id)],
  ];

  it.each(byId)('%s answers 400 for an id that is not a claim id', async (_route, call, request) => {
    const problem = expectProblem(await call({ headers: admin, ...request('con_AAAAAAAAAAAAAAAAAAAAAA') }), 400);
    expect(problem.detail).toMatch(/claim id/);
  });

  it.each(byId)('%s answers 404 for a well-formed id no claim has', async (_route, call, request) => {
    const problem = expectProblem(await call({ headers: admin, ...request(UNKNOWN_CLAIM_ID) }), 404);
    expect(problem.detail).toContain(UNKNOWN_CLAIM_ID);
  });

  it.each(routes)('%s refuses a query parameter it does not take', async (_route, call, request) => {
    const problem = expectProblem(await call({ headers: admin, ...request, query: { debug: 'true' } }), 400);
    expect(problem.detail).toMatch(/query string/);
  });
});

describe('POST /claims', () => {
  it('creates a claim with 201, its Location, its version as ETag and the defaults filled in', async () => {
    const result = await api.create({ headers: editor, body: { text: 'Odin hung nine nights on the tree' } });
    expect(result.statusCode).toBe(201);
    const created = jsonBody(result) as Claim;
    expect(created).toMatchObject({
      text: 'Odin hung nine nights on the tree',
      domain: 'general',
      verified: false,
      version: 1,
    });
    expect(created.id).toMatch(/^clm_/);
    expect(result.headers.location).toBe(`/claims/${created.id}`);
    expect(result.headers.etag).toBe('"1"');
    expect(await knowledgeStore().claims.get(created.id)).toEqual(created);
  });

  it('stores a text that looks like a Cypher injection literally', async () => {
    // Prepare
    const text = "'}) WITH 1 AS x MATCH (c:Claim) SET c.verified = true //";
    const other = await aClaim({ text: 'Bystander' });

    // Act
    const created = await aClaim({ text });

    // Assess
    expect(jsonBody(await api.get({ headers: viewer, ...claim(created.id) }))).toMatchObject({ text, verified: false });
    expect(await knowledgeStore().claims.get(other.id)).toEqual(other);
  });

  it('records who created which claim in the audit trail', async () => {
    const created = await aClaim();
    expect(await auditEntries(EDITOR, 'claim.create')).toEqual([
      expect.objectContaining({ resourceType: 'claim', resourceId: created.id, status: 201 }),
    ]);
  });

  it.each([
    ['a missing text', {}, 'text'],
    ['a text of the wrong type', { text: 42 }, 'text'],
    ['a text over the length limit', { text: 't'.repeat(CLAIM_LIMITS.maxTextLength + 1) }, 'text'],
    ['a confidence over 1', { text: 't', confidence: 1.01 }, 'confidence'],
    ['a verified flag that is a string', { text: 't', verified: 'yes' }, 'verified'],
    ['a source over the length limit', { text: 't', source: 's'.repeat(CLAIM_LIMITS.maxSourceLength + 1) }, 'source'],
    ['an unknown field', { text: 't', version: 3 }, '(root)'],
  ])('refuses %s with 400, names the field and stores nothing', async (_case, body, field) => {
    const problem = expectProblem(await api.create({ headers: editor, body }), 400);
    expect(problem.errors?.[0]?.field).toBe(field);
    expect((await knowledgeStore().claims.list({ limit: 10 })).items).toEqual([]);
  });

  it('refuses a body that is not JSON with 400', async () => {
    const problem = expectProblem(await api.create({ headers: editor, body: "{'text': 'single quotes'}" }), 400);
    expect(problem.type).toBe('/problems/malformed-body');
  });

  it('refuses a body of another media type with 415', async () => {
    expectProblem(await api.create({ headers: editor, body: '<claim/>', contentType: 'application/xml' }), 415);
  });

  it('refuses a body over 64 KiB with 413 and stores nothing', async () => {
    const body = JSON.stringify({ text: 't'.repeat(64 * 1024) });
    expectProblem(await api.create({ headers: editor, body }), 413);
    expect((await knowledgeStore().claims.list({ limit: 10 })).items).toEqual([]);
  });
});

describe('GET /claims/{claimId}', () => {
  it('answers the claim with its version as a strong ETag', async () => {
    const created = await aClaim({ confidence: 0.4, source: 'Voluspa' });
    const result = await api.get({ headers: viewer, ...claim(created.id) });
    expect(result.statusCode).toBe(200);
    expect(jsonBody(result)).toEqual(created);
    expect(result.headers.etag).toBe('"1"');
  });

  it('serves a repeated read from the cache', async () => {
    // Prepare
    const created = await aClaim();
    await api.get({ headers: viewer, ...claim(created.id) });
    await knowledgeStore().claims.update(created.id, { verified: true, updatedAt: created.updatedAt });

    // Act
    const result = await api.get({ headers: viewer, ...claim(created.id) });

    // Assess
    expect(jsonBody(result)).toMatchObject({ verified: false, version: 1 });
    expect(await sharedCache().get(cacheKeys.claim(created.id))).toBe(JSON.stringify(created));
  });

  it('caches nothing for an unknown claim', async () => {
    await api.get({ headers: viewer, ...claim(UNKNOWN_CLAIM_ID) });
    expect(await sharedCache().get(cacheKeys.claim(UNKNOWN_CLAIM_ID))).toBeUndefined();
  });
});

describe('PATCH /claims/{claimId}', () => {
  it('changes only the given fields, removes a null one, and bumps the version and ETag', async () => {
    const created = await aClaim({ confidence: 0.4, source: 'Voluspa' });
    const result = await api.update({ headers: editor, ...claim(created.id), body: { verified: true, source: null } });
    expect(result.statusCode).toBe(200);
    const updated = jsonBody(result) as Claim;
    expect(updated).toMatchObject({ id: created.id, text: created.text, confidence: 0.4, verified: true, version: 2 });
    expect(updated).not.toHaveProperty('source');
    expect(result.headers.etag).toBe('"2"');
  });

  it('applies the change when If-Match names the current version', async () => {
    const created = await aClaim();
    const result = await api.update({
      headers: { ...editor, 'if-match': '"1"' },
      ...claim(created.id),
      body: { verified: true },
    });
    expect(result.statusCode).toBe(200);
  });

  it('applies the change under If-Match: *', async () => {
    const created = await aClaim();
    const result = await api.update({
      headers: { ...editor, 'if-match': '*' },
      ...claim(created.id),
      body: { verified: true },
    });
    expect(result.statusCode).toBe(200);
  });

  it('answers 412 when If-Match names an older version, and changes nothing', async () => {
    // Prepare
    const created = await aClaim();
    await api.update({ headers: editor, ...claim(created.id), body: { confidence: 0.3 } });

    // Act
    const result = await api.update({
      headers: { ...editor, 'if-match': '"1"' },
      ...claim(created.id),
      body: { confidence: 0.9 },
    });

    // Assess
    const problem = expectProblem(result, 412);
    expect(problem.type).toBe('/problems/precondition-failed');
    expect(await knowledgeStore().claims.get(created.id)).toMatchObject({ confidence: 0.3, version: 2 });
  });

  it('answers 412 for an If-Match that names no version', async () => {
    const created = await aClaim();
    const result = await api.update({
      headers: { ...editor, 'if-match': '"v1"' },
      ...claim(created.id),
      body: { verified: true },
    });
    expectProblem(result, 412);
    expect(await knowledgeStore().claims.get(created.id)).toEqual(created);
  });

  it('answers 400 for an If-Match naming two versions', async () => {
    const created = await aClaim();
    const result = await api.update({
      headers: { ...editor, 'if-match': '"1", "2"' },
      ...claim(created.id),
      body: { verified: true },
    });
    expect(expectProblem(result, 400).errors?.[0]?.field).toBe('If-Match');
  });

  it('shows the change on the next read, past the cache', async () => {
    // Prepare
    const created = await aClaim();
    await api.get({ headers: viewer, ...claim(created.id) });

    // Act
    await api.update({ headers: editor, ...claim(created.id), body: { verified: true } });

    // Assess
    const result = await api.get({ headers: viewer, ...claim(created.id) });
    expect(jsonBody(result)).toMatchObject({ verified: true, version: 2 });
    expect(result.headers.etag).toBe('"2"');
  });

  it('records the update and the fields it changed in the audit trail', async () => {
    const created = await aClaim();
    await api.update({ headers: editor, ...claim(created.id), body: { verified: true, domain: 'religion' } });
    expect(await auditEntries(EDITOR, 'claim.update')).toEqual([
      expect.objectContaining({
        resourceType: 'claim',
        resourceId: created.id,
        details: { fields: ['domain', 'verified'] },
        outcome: 'success',
      }),
    ]);
  });

  it.each([
    ['an empty patch', {}, '(root)'],
    ['a confidence below 0', { confidence: -0.1 }, 'confidence'],
    ['a text over the length limit', { text: 't'.repeat(CLAIM_LIMITS.maxTextLength + 1) }, 'text'],
    ['a null verified flag', { verified: null }, 'verified'],
    ['an unknown field', { id: UNKNOWN_CLAIM_ID }, '(root)'],
  ])('refuses %s with 400 and changes nothing', async (_case, body, field) => {
    const created = await aClaim();
    const problem = expectProblem(await api.update({ headers: editor, ...claim(created.id), body }), 400);
    expect(problem.errors?.[0]?.field).toBe(field);
    expect(await knowledgeStore().claims.get(created.id)).toEqual(created);
  });

  it('refuses a body that is not JSON with 400', async () => {
    const created = await aClaim();
    expectProblem(await api.update({ headers: editor, ...claim(created.id), body: 'verified=true' }), 400);
  });

  it('refuses a body of another media type with 415', async () => {
    const created = await aClaim();
    expectProblem(
      await api.update({ headers: editor, ...claim(created.id), body: '{}', contentType: 'text/json' }),
      415,
    );
  });

  it('refuses a body over 64 KiB with 413', async () => {
    const created = await aClaim();
    const body = JSON.stringify({ text: 't'.repeat(64 * 1024) });
    expectProblem(await api.update({ headers: editor, ...claim(created.id), body }), 413);
  });
});

describe('DELETE /claims/{claimId}', () => {
  it('deletes the claim and its evidence with 204', async () => {
    // Prepare
    const created = await aClaim();
    await api.addEvidence({ headers: editor, ...claim(created.id), body: support });

    // Act
    const result = await api.delete({ headers: admin, ...claim(created.id) });

    // Assess
    expect(result.statusCode).toBe(204);
    expect(result.body ?? '').toBe('');
    expect(await knowledgeStore().claims.get(created.id)).toBeUndefined();
    await expect(knowledgeStore().listEvidence(created.id)).rejects.toThrow(/No claim/);
  });

  it('refuses an editor, whose role may not delete claims, with 403', async () => {
    const created = await aClaim();
    expectProblem(await api.delete({ headers: editor, ...claim(created.id) }), 403);
    expect(await knowledgeStore().claims.get(created.id)).toEqual(created);
  });

  it('answers 404 on the next read, though the claim was cached', async () => {
    const created = await aClaim();
    await api.get({ headers: viewer, ...claim(created.id) });
    await api.delete({ headers: admin, ...claim(created.id) });
    expectProblem(await api.get({ headers: viewer, ...claim(created.id) }), 404);
  });

  it('records the deletion in the audit trail', async () => {
    const created = await aClaim();
    await api.delete({ headers: admin, ...claim(created.id) });
    expect(await auditEntries(ADMIN, 'claim.delete')).toEqual([
      expect.objectContaining({ resourceType: 'claim', resourceId: created.id, status: 204 }),
    ]);
  });
});

describe('GET /claims', () => {
  it('pages through claims newest first, each once', async () => {
    // Prepare
    const created = [];
    for (const text of ['first', 'second', 'third']) created.push(await aClaim({ text }));

    // Act
    const first = jsonBody(await api.list({ headers: viewer, query: { limit: '2' } })) as ClaimPage;
    const second = jsonBody(
      await api.list({ headers: viewer, query: { limit: '2', cursor: first.nextCursor ?? '' } }),
    ) as ClaimPage;

    // Assess
    const listed = [...first.items, ...second.items];
    expect(listed.map((item) => item.id).sort()).toEqual(created.map((item) => item.id).sort());
    const order = listed.map((item) => `${item.createdAt} ${item.id}`);
    expect(order).toEqual([...order].sort().reverse());
    expect(second.nextCursor).toBeUndefined();
  });

  it('filters by verified, domain and a case-insensitive part of the text', async () => {
    const wanted = await aClaim({ text: 'The ASH tree stands', domain: 'religion', verified: true });
    await aClaim({ text: 'The ash tree stands', domain: 'religion', verified: false });
    await aClaim({ text: 'The ash tree stands', domain: 'science', verified: true });
    await aClaim({ text: 'The elm tree falls', domain: 'religion', verified: true });
    const result = await api.list({
      headers: viewer,
      query: { verified: 'true', domain: 'religion', textContains: 'ash' },
    });
    expect((jsonBody(result) as ClaimPage).items.map((item) => item.id)).toEqual([wanted.id]);
  });

  it.each([
    ['a cursor that is not one', { cursor: 'eyJ2IjoxfQ' }, 'cursor'],
    ['a verified flag that is not true or false', { verified: 'yes' }, 'verified'],
    ['a limit that is not a whole number', { limit: '2.5' }, 'limit'],
    ['a search over the length limit', { textContains: 't'.repeat(CLAIM_LIMITS.maxSearchLength + 1) }, 'textContains'],
    ['an unknown parameter', { order: 'oldest' }, '(root)'],
  ])('refuses %s with 400', async (_case, query, field) => {
    const problem = expectProblem(await api.list({ headers: viewer, query }), 400);
    expect(problem.errors?.[0]?.field).toBe(field);
  });

  it('refuses a cursor issued for other filters with 400', async () => {
    for (const text of ['first', 'second']) await aClaim({ text });
    const page = jsonBody(await api.list({ headers: viewer, query: { limit: '1' } })) as ClaimPage;
    const result = await api.list({
      headers: viewer,
      query: { limit: '1', verified: 'false', cursor: page.nextCursor ?? '' },
    });
    expect(expectProblem(result, 400).errors?.[0]?.field).toBe('cursor');
  });
});

describe('POST /claims/{claimId}/evidence', () => {
  it('adds evidence to the claim with 201', async () => {
    const created = await aClaim();
    const result = await api.addEvidence({ headers: editor, ...claim(created.id), body: support });
    expect(result.statusCode).toBe(201);
    const evidence = jsonBody(result) as Evidence;
    expect(evidence).toMatchObject({ ...support, claimId: created.id });
    expect(evidence.id).toMatch(/^evd_/);
    expect(await knowledgeStore().listEvidence(created.id)).toEqual([evidence]);
  });

  it('drops the claim from the cache', async () => {
    const created = await aClaim();
    await api.get({ headers: viewer, ...claim(created.id) });
    await api.addEvidence({ headers: editor, ...claim(created.id), body: support });
    expect(await sharedCache().get(cacheKeys.claim(created.id))).toBeUndefined();
    expect(localCache().get(cacheKeys.claim(created.id))).toBeUndefined();
  });

  it('records the addition in the audit trail under its claim', async () => {
    const created = await aClaim();
    await api.addEvidence({ headers: editor, ...claim(created.id), body: support });
    expect(await auditEntries(EDITOR, 'claim.evidence.add')).toEqual([
      expect.objectContaining({ resourceType: 'claim', resourceId: created.id, status: 201 }),
    ]);
  });

  it('answers 409 once the claim holds all the evidence it may', async () => {
    // Prepare
    const created = await aClaim();
    for (let i = 0; i < CLAIM_LIMITS.maxEvidencePerClaim; i += 1) {
      await knowledgeStore().addEvidence(
        newEvidence(support, { id: newEvidenceId(), claimId: created.id }, new Date()),
      );
    }

    // Act
    const result = await api.addEvidence({ headers: editor, ...claim(created.id), body: support });

    // Assess
    expect(expectProblem(result, 409).detail).toMatch(/100 pieces of evidence/);
    expect(await knowledgeStore().listEvidence(created.id)).toHaveLength(CLAIM_LIMITS.maxEvidencePerClaim);
  });

  it.each([
    ['a missing source', { text: 't', confidence: 0.5 }, 'source'],
    ['a missing confidence', { text: 't', source: 's' }, 'confidence'],
    ['a confidence that is a string', { ...support, confidence: '0.5' }, 'confidence'],
    ['a text over the length limit', { ...support, text: 't'.repeat(CLAIM_LIMITS.maxEvidenceTextLength + 1) }, 'text'],
    ['an unknown field', { ...support, claimId: UNKNOWN_CLAIM_ID }, '(root)'],
  ])('refuses %s with 400 and stores nothing', async (_case, body, field) => {
    const created = await aClaim();
    const problem = expectProblem(await api.addEvidence({ headers: editor, ...claim(created.id), body }), 400);
    expect(problem.errors?.[0]?.field).toBe(field);
    expect(await knowledgeStore().listEvidence(created.id)).toEqual([]);
  });

  it('refuses a body that is not JSON with 400', async () => {
    const created = await aClaim();
    expectProblem(await api.addEvidence({ headers: editor, ...claim(created.id), body: 'Snorri wrote it down' }), 400);
  });

  it('refuses a body of another media type with 415', async () => {
    const created = await aClaim();
    expectProblem(
      await api.addEvidence({ headers: editor, ...claim(created.id), body: 'x', contentType: 'multipart/form-data' }),
      415,
    );
  });

  it('refuses a body over 64 KiB with 413', async () => {
    const created = await aClaim();
    const body = JSON.stringify({ ...support, text: 't'.repeat(64 * 1024) });
    expectProblem(await api.addEvidence({ headers: editor, ...claim(created.id), body }), 413);
  });
});

describe('GET /claims/{claimId}/evidence', () => {
  it("lists the claim's evidence oldest first", async () => {
    // Prepare
    const created = await aClaim();
    const added: Evidence[] = [];
    for (const text of ['Voluspa', 'Grimnismal']) {
      const result = await api.addEvidence({ headers: editor, ...claim(created.id), body: { ...support, text } });
      added.push(jsonBody(result) as Evidence);
    }

    // Act
    const result = await api.evidence({ headers: viewer, ...claim(created.id) });

    // Assess
    expect(result.statusCode).toBe(200);
    const { items } = jsonBody(result) as { items: Evidence[] };
    expect(items.map((item) => item.id).sort()).toEqual(added.map((item) => item.id).sort());
    const order = items.map((item) => `${item.createdAt} ${item.id}`);
    expect(order).toEqual([...order].sort());
  });

  it('answers an empty list for a claim without evidence', async () => {
    const created = await aClaim();
    expect(jsonBody(await api.evidence({ headers: viewer, ...claim(created.id) }))).toEqual({ items: [] });
  });
});
