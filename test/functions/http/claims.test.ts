import { describe, expect, it } from 'vitest';
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
import { useEmbeddedDefaults } from '../../support/embedded.ts';
import { expectProblem, jsonBody } from '../../support/http.ts';
import { auditEntries, claimApi as api, UNKNOWN_CLAIM_ID, useRoleHeaders } from './knowledge-requests.ts';
import { describeVersionedResource } from './versioned-resource-suite.ts';

useEmbeddedDefaults();

const EDITOR = 'editor-saga';
const ADMIN = 'admin-frigg';
const roles = useRoleHeaders({ editor: EDITOR, admin: ADMIN, viewer: 'viewer-heimdall' });

const claim = (claimId: string) => ({ pathParameters: { claimId } });
const support = { text: 'Snorri wrote it down', source: 'https://example.org/edda', confidence: 0.8 };

async function aClaim(fields: Record<string, unknown> = {}): Promise<Claim> {
  const result = await api.create({
    headers: roles.editor,
    body: { text: 'Yggdrasil holds the nine worlds', ...fields },
  });
  expect(result.statusCode).toBe(201);
  return jsonBody(result) as Claim;
}

/** Everything the claim routes can change, read past the API. */
async function graphState(ids: readonly string[]): Promise<unknown> {
  const store = knowledgeStore();
  const page = await store.claims.list({ limit: CLAIM_LIMITS.maxPageSize });
  const evidence = await Promise.all(ids.map((id) => store.listEvidence(id).catch(() => 'gone')));
  return { claims: page.items, evidence };
}

describe('the claim routes together', () => {
  it('take a claim from creation through its evidence to deletion', async () => {
    // Create, read, change, list.
    const created = await api.create({ headers: roles.editor, body: { text: 'Yggdrasil holds the nine worlds' } });
    expect(created.statusCode).toBe(201);
    const worlds = jsonBody(created) as Claim;
    const fetched = await api.get({ headers: roles.viewer, ...claim(worlds.id) });
    expect(jsonBody(fetched)).toEqual(worlds);
    const updated = await api.update({
      headers: { ...roles.editor, 'if-match': fetched.headers.etag ?? '' },
      ...claim(worlds.id),
      body: { verified: true, confidence: 0.9 },
    });
    expect(jsonBody(updated)).toMatchObject({ verified: true, confidence: 0.9, version: 2 });
    const listed = jsonBody(await api.list({ headers: roles.viewer, query: { verified: 'true' } })) as ClaimPage;
    expect(listed.items.map((item) => item.id)).toEqual([worlds.id]);

    // Support it with evidence.
    const added = await api.addEvidence({ headers: roles.editor, ...claim(worlds.id), body: support });
    expect(added.statusCode).toBe(201);
    const evidence = jsonBody(added) as Evidence;
    expect(jsonBody(await api.evidence({ headers: roles.viewer, ...claim(worlds.id) }))).toEqual({ items: [evidence] });

    // Delete it, and its evidence with it.
    expect((await api.delete({ headers: roles.admin, ...claim(worlds.id) })).statusCode).toBe(204);
    expectProblem(await api.get({ headers: roles.viewer, ...claim(worlds.id) }), 404);
    expectProblem(await api.evidence({ headers: roles.viewer, ...claim(worlds.id) }), 404);
  });
});

describeVersionedResource<Claim>({
  resource: 'claim',
  collection: '/claims',
  idParameter: 'claimId',
  idPrefix: 'clm_',
  unknownId: UNKNOWN_CLAIM_ID,
  malformedId: 'con_AAAAAAAAAAAAAAAAAAAAAA',
  api,
  roles,
  usernames: { editor: EDITOR, admin: ADMIN },
  store: () => knowledgeStore().claims,
  cacheKey: cacheKeys.claim,
  create: {
    body: { text: 'Odin hung nine nights on the tree' },
    defaults: { domain: 'general', verified: false },
    textField: 'text',
    optional: { confidence: 0.4, source: 'Voluspa' },
    invalid: [
      ['a missing text', {}, 'text'],
      ['a text of the wrong type', { text: 42 }, 'text'],
      ['a text over the length limit', { text: 't'.repeat(CLAIM_LIMITS.maxTextLength + 1) }, 'text'],
      ['a confidence over 1', { text: 't', confidence: 1.01 }, 'confidence'],
      ['a verified flag that is a string', { text: 't', verified: 'yes' }, 'verified'],
      ['a source over the length limit', { text: 't', source: 's'.repeat(CLAIM_LIMITS.maxSourceLength + 1) }, 'source'],
      ['an unknown field', { text: 't', version: 3 }, '(root)'],
    ],
  },
  update: {
    patch: { verified: true },
    otherPatch: { confidence: 0.9 },
    nullable: 'source',
    audited: { patch: { verified: true, domain: 'religion' }, fields: ['domain', 'verified'] },
    invalid: [
      ['an empty patch', {}, '(root)'],
      ['a confidence below 0', { confidence: -0.1 }, 'confidence'],
      ['a text over the length limit', { text: 't'.repeat(CLAIM_LIMITS.maxTextLength + 1) }, 'text'],
      ['a null verified flag', { verified: null }, 'verified'],
      ['an unknown field', { id: UNKNOWN_CLAIM_ID }, '(root)'],
    ],
  },
  list: {
    seeds: [{ text: 'first' }, { text: 'second' }, { text: 'third' }],
    // Newest first; claims of one millisecond by id.
    order: (created) => {
      const key = (item: Claim) => `${item.createdAt} ${item.id}`;
      return [...created].sort((a, b) => (key(a) < key(b) ? 1 : -1)).map((item) => item.id);
    },
    otherFilters: { verified: 'false' },
    invalid: [
      ['a cursor that is not one', { cursor: 'eyJ2IjoxfQ' }, 'cursor'],
      ['a verified flag that is not true or false', { verified: 'yes' }, 'verified'],
      ['a limit that is not a whole number', { limit: '2.5' }, 'limit'],
      [
        'a search over the length limit',
        { textContains: 't'.repeat(CLAIM_LIMITS.maxSearchLength + 1) },
        'textContains',
      ],
      ['an unknown parameter', { order: 'oldest' }, '(root)'],
    ],
  },
  subRoutes: {
    any: [
      ['POST /claims/{claimId}/evidence', api.addEvidence, { ...claim(UNKNOWN_CLAIM_ID), body: support }],
      ['GET /claims/{claimId}/evidence', api.evidence, claim(UNKNOWN_CLAIM_ID)],
    ],
    writes: [['POST /claims/{claimId}/evidence', api.addEvidence, ([id = '']) => ({ ...claim(id), body: support })]],
    byId: [
      ['POST /claims/{claimId}/evidence', api.addEvidence, (id) => ({ ...claim(id), body: support })],
      ['GET /claims/{claimId}/evidence', api.evidence, (id) => claim(id)],
    ],
  },
  seed: async () => [(await aClaim()).id],
  state: graphState,
});

describe('DELETE /claims/{claimId}', () => {
  it('deletes the claim and its evidence with 204', async () => {
    // Prepare
    const created = await aClaim();
    await api.addEvidence({ headers: roles.editor, ...claim(created.id), body: support });

    // Act
    const result = await api.delete({ headers: roles.admin, ...claim(created.id) });

    // Assess
    expect(result.statusCode).toBe(204);
    expect(result.body ?? '').toBe('');
    expect(await knowledgeStore().claims.get(created.id)).toBeUndefined();
    await expect(knowledgeStore().listEvidence(created.id)).rejects.toThrow(/No claim/);
  });
});

describe('GET /claims', () => {
  it('filters by verified, domain and a case-insensitive part of the text', async () => {
    const wanted = await aClaim({ text: 'The ASH tree stands', domain: 'religion', verified: true });
    await aClaim({ text: 'The ash tree stands', domain: 'religion', verified: false });
    await aClaim({ text: 'The ash tree stands', domain: 'science', verified: true });
    await aClaim({ text: 'The elm tree falls', domain: 'religion', verified: true });
    const result = await api.list({
      headers: roles.viewer,
      query: { verified: 'true', domain: 'religion', textContains: 'ash' },
    });
    expect((jsonBody(result) as ClaimPage).items.map((item) => item.id)).toEqual([wanted.id]);
  });
});

describe('POST /claims/{claimId}/evidence', () => {
  it('adds evidence to the claim with 201', async () => {
    const created = await aClaim();
    const result = await api.addEvidence({ headers: roles.editor, ...claim(created.id), body: support });
    expect(result.statusCode).toBe(201);
    const evidence = jsonBody(result) as Evidence;
    expect(evidence).toMatchObject({ ...support, claimId: created.id });
    expect(evidence.id).toMatch(/^evd_/);
    expect(await knowledgeStore().listEvidence(created.id)).toEqual([evidence]);
  });

  it('drops the claim from the cache', async () => {
    const created = await aClaim();
    await api.get({ headers: roles.viewer, ...claim(created.id) });
    await api.addEvidence({ headers: roles.editor, ...claim(created.id), body: support });
    expect(await sharedCache().get(cacheKeys.claim(created.id))).toBeUndefined();
    expect(localCache().get(cacheKeys.claim(created.id))).toBeUndefined();
  });

  it('records the addition in the audit trail under its claim', async () => {
    const created = await aClaim();
    await api.addEvidence({ headers: roles.editor, ...claim(created.id), body: support });
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
    const result = await api.addEvidence({ headers: roles.editor, ...claim(created.id), body: support });

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
    const problem = expectProblem(await api.addEvidence({ headers: roles.editor, ...claim(created.id), body }), 400);
    expect(problem.errors?.[0]?.field).toBe(field);
    expect(await knowledgeStore().listEvidence(created.id)).toEqual([]);
  });

  it('refuses a body that is not JSON with 400', async () => {
    const created = await aClaim();
    expectProblem(
      await api.addEvidence({ headers: roles.editor, ...claim(created.id), body: 'Snorri wrote it down' }),
      400,
    );
  });

  it('refuses a body of another media type with 415', async () => {
    const created = await aClaim();
    expectProblem(
      await api.addEvidence({
        headers: roles.editor,
        ...claim(created.id),
        body: 'x',
        contentType: 'multipart/form-data',
      }),
      415,
    );
  });

  it('refuses a body over 64 KiB with 413', async () => {
    const created = await aClaim();
    const body = JSON.stringify({ ...support, text: 't'.repeat(64 * 1024) });
    expectProblem(await api.addEvidence({ headers: roles.editor, ...claim(created.id), body }), 413);
  });
});

describe('GET /claims/{claimId}/evidence', () => {
  it("lists the claim's evidence oldest first", async () => {
    // Prepare
    const created = await aClaim();
    const added: Evidence[] = [];
    for (const text of ['Voluspa', 'Grimnismal']) {
      const result = await api.addEvidence({ headers: roles.editor, ...claim(created.id), body: { ...support, text } });
      added.push(jsonBody(result) as Evidence);
    }

    // Act
    const result = await api.evidence({ headers: roles.viewer, ...claim(created.id) });

    // Assess
    expect(result.statusCode).toBe(200);
    const { items } = jsonBody(result) as { items: Evidence[] };
    expect(items.map((item) => item.id).sort()).toEqual(added.map((item) => item.id).sort());
    const order = items.map((item) => `${item.createdAt} ${item.id}`);
    expect(order).toEqual([...order].sort());
  });

  it('answers an empty list for a claim without evidence', async () => {
    const created = await aClaim();
    expect(jsonBody(await api.evidence({ headers: roles.viewer, ...claim(created.id) }))).toEqual({ items: [] });
  });
});
