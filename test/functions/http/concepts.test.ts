import { describe, expect, it } from 'vitest';
import { localCache, sharedCache } from '#shared/container/cache';
import { knowledgeStore } from '#shared/container/knowledge';
import { CONCEPT_LIMITS, type Concept, type ConceptPage, type ConceptRelation } from '#shared/domain/concepts';
import { cacheKeys } from '#shared/services/read-through';
import { useEmbeddedDefaults } from '../../support/embedded.ts';
import { expectProblem, jsonBody } from '../../support/http.ts';
import { auditEntries, conceptApi as api, UNKNOWN_CONCEPT_ID, useRoleHeaders } from './knowledge-requests.ts';
import { describeVersionedResource } from './versioned-resource-suite.ts';

useEmbeddedDefaults();

const EDITOR = 'editor-edda';
const ADMIN = 'admin-odin';
const roles = useRoleHeaders({ editor: EDITOR, admin: ADMIN, viewer: 'viewer-mimir' });

const OTHER_UNKNOWN_CONCEPT_ID = 'con_BBBBBBBBBBBBBBBBBBBBBB';
const concept = (conceptId: string) => ({ pathParameters: { conceptId } });
const relation = (from: string, type: string, to: string) => ({
  pathParameters: { conceptId: from, relationType: type, targetId: to },
});

async function aConcept(fields: Record<string, unknown> = {}): Promise<Concept> {
  const result = await api.create({ headers: roles.editor, body: { name: 'Yggdrasil', ...fields } });
  expect(result.statusCode).toBe(201);
  return jsonBody(result) as Concept;
}

/** Everything the concept routes can change, read past the API. */
async function graphState(ids: readonly string[]): Promise<unknown> {
  const store = knowledgeStore();
  const page = await store.concepts.list({ limit: CONCEPT_LIMITS.maxPageSize });
  const relations = await Promise.all(ids.map((id) => store.listRelations(id).catch(() => 'gone')));
  return { concepts: page.items, relations };
}

describe('the concept routes together', () => {
  it('take a concept from creation through relations to deletion', async () => {
    // Create, read, change, list.
    const created = await api.create({ headers: roles.editor, body: { name: 'Yggdrasil', domain: 'religion' } });
    expect(created.statusCode).toBe(201);
    const tree = jsonBody(created) as Concept;
    const fetched = await api.get({ headers: roles.viewer, ...concept(tree.id) });
    expect(jsonBody(fetched)).toEqual(tree);
    const updated = await api.update({
      headers: { ...roles.editor, 'if-match': fetched.headers.etag ?? '' },
      ...concept(tree.id),
      body: { description: 'The world tree' },
    });
    expect(updated.statusCode).toBe(200);
    expect(jsonBody(updated)).toMatchObject({ description: 'The world tree', version: 2 });
    const listed = jsonBody(await api.list({ headers: roles.viewer, query: { domain: 'religion' } })) as ConceptPage;
    expect(listed.items.map((item) => item.id)).toEqual([tree.id]);

    // Relate, and be refused the delete while related.
    const well = await aConcept({ name: 'Well of Urd' });
    expect(
      (await api.relate({ headers: roles.editor, ...concept(well.id), body: { to: tree.id, type: 'part_of' } }))
        .statusCode,
    ).toBe(201);
    expectProblem(await api.delete({ headers: roles.admin, ...concept(tree.id) }), 409);

    // Unrelate, then delete.
    expect((await api.unrelate({ headers: roles.editor, ...relation(well.id, 'part_of', tree.id) })).statusCode).toBe(
      204,
    );
    const deleted = await api.delete({ headers: roles.admin, ...concept(tree.id) });
    expect(deleted.statusCode).toBe(204);
    expect(deleted.body ?? '').toBe('');
    expectProblem(await api.get({ headers: roles.viewer, ...concept(tree.id) }), 404);
  });
});

describeVersionedResource<Concept>({
  resource: 'concept',
  collection: '/concepts',
  idParameter: 'conceptId',
  idPrefix: 'con_',
  unknownId: UNKNOWN_CONCEPT_ID,
  malformedId: "x' OR 1=1 --",
  api,
  roles,
  usernames: { editor: EDITOR, admin: ADMIN },
  store: () => knowledgeStore().concepts,
  cacheKey: cacheKeys.concept,
  create: {
    body: { name: 'Yggdrasil' },
    defaults: { domain: 'general', type: 'other' },
    textField: 'name',
    optional: { description: 'The world tree', type: 'idea', level: 'ancient' },
    invalid: [
      ['a missing name', {}, 'name'],
      ['a name of the wrong type', { name: 5 }, 'name'],
      ['a blank name', { name: '   ' }, 'name'],
      ['a name over the length limit', { name: 'y'.repeat(CONCEPT_LIMITS.maxNameLength + 1) }, 'name'],
      [
        'a description over the length limit',
        { name: 'y', description: 'd'.repeat(CONCEPT_LIMITS.maxDescriptionLength + 1) },
        'description',
      ],
      ['an unknown domain', { name: 'y', domain: 'astrology' }, 'domain'],
      ['an unknown field', { name: 'y', id: 'con_mine0000000000000000' }, '(root)'],
    ],
  },
  update: {
    patch: { name: 'Askr' },
    otherPatch: { name: 'Embla' },
    nullable: 'description',
    audited: { patch: { name: 'Askr', level: 'ancient' }, fields: ['name', 'level'] },
    invalid: [
      ['an empty patch', {}, '(root)'],
      ['a name of the wrong type', { name: ['Askr'] }, 'name'],
      ['a name over the length limit', { name: 'y'.repeat(CONCEPT_LIMITS.maxNameLength + 1) }, 'name'],
      ['a null name', { name: null }, 'name'],
      ['an unknown field', { version: 9 }, '(root)'],
    ],
  },
  list: {
    // Listed by name.
    seeds: [{ name: 'Nidhogg' }, { name: 'Askr' }, { name: 'Embla' }],
    order: (created) => [...created].sort((a, b) => a.name.localeCompare(b.name)).map((item) => item.id),
    otherFilters: { domain: 'science' },
    invalid: [
      ['a cursor that is not one', { cursor: 'not-a-cursor' }, 'cursor'],
      ['a limit of 0', { limit: '0' }, 'limit'],
      ['a limit over the page size', { limit: String(CONCEPT_LIMITS.maxPageSize + 1) }, 'limit'],
      ['a limit that is not a number', { limit: 'ten' }, 'limit'],
      ['an unknown domain', { domain: 'astrology' }, 'domain'],
      ['a repeated domain', { domain: 'science,history' }, 'domain'],
      ['an unknown parameter', { sort: 'name' }, '(root)'],
    ],
  },
  subRoutes: {
    any: [
      [
        'POST /concepts/{conceptId}/relations',
        api.relate,
        { ...concept(UNKNOWN_CONCEPT_ID), body: { to: UNKNOWN_CONCEPT_ID, type: 'is_a' } },
      ],
      ['GET /concepts/{conceptId}/relations', api.relations, concept(UNKNOWN_CONCEPT_ID)],
      [
        'DELETE /concepts/{conceptId}/relations/{relationType}/{targetId}',
        api.unrelate,
        relation(UNKNOWN_CONCEPT_ID, 'is_a', UNKNOWN_CONCEPT_ID),
      ],
    ],
    writes: [
      [
        'POST /concepts/{conceptId}/relations',
        api.relate,
        ([tree = '', well = '']) => ({ ...concept(tree), body: { to: well, type: 'causes' } }),
      ],
      [
        'DELETE /concepts/{conceptId}/relations/{relationType}/{targetId}',
        api.unrelate,
        ([tree = '', well = '']) => relation(well, 'part_of', tree),
      ],
    ],
    byId: [
      [
        'POST /concepts/{conceptId}/relations',
        api.relate,
        (id) => ({ ...concept(id), body: { to: OTHER_UNKNOWN_CONCEPT_ID, type: 'is_a' } }),
      ],
      ['GET /concepts/{conceptId}/relations', api.relations, (id) => concept(id)],
      [
        'DELETE /concepts/{conceptId}/relations/{relationType}/{targetId}',
        api.unrelate,
        (id) => relation(id, 'is_a', UNKNOWN_CONCEPT_ID),
      ],
    ],
  },
  // A tree and the well that is part of it.
  seed: async () => {
    const [tree, well] = [await aConcept(), await aConcept({ name: 'Well of Urd' })];
    await knowledgeStore().relateConcepts(well.id, tree.id, 'part_of', 1);
    return [tree.id, well.id];
  },
  state: graphState,
});

describe('DELETE /concepts/{conceptId}', () => {
  it('keeps a related concept with 409 that says what holds it', async () => {
    // Prepare
    const [tree, well] = [await aConcept(), await aConcept({ name: 'Well of Urd' })];
    await api.relate({ headers: roles.editor, ...concept(well.id), body: { to: tree.id, type: 'part_of' } });

    // Act
    const result = await api.delete({ headers: roles.admin, ...concept(tree.id) });

    // Assess
    const problem = expectProblem(result, 409);
    expect(problem.detail).toMatch(/1 relation/);
    expect(await knowledgeStore().concepts.get(tree.id)).toEqual(tree);
  });
});

describe('GET /concepts', () => {
  it('filters by domain and by a case-insensitive part of the name', async () => {
    await aConcept({ name: 'World Tree', domain: 'religion' });
    await aConcept({ name: 'Tree of Life', domain: 'science' });
    await aConcept({ name: 'Well of Urd', domain: 'religion' });
    const result = await api.list({ headers: roles.viewer, query: { domain: 'religion', nameContains: 'TREE' } });
    expect((jsonBody(result) as ConceptPage).items.map((item) => item.name)).toEqual(['World Tree']);
  });
});

describe('POST /concepts/{conceptId}/relations', () => {
  it('relates two concepts with 201, a default strength of 1 and where the relation lives', async () => {
    const [tree, well] = [await aConcept(), await aConcept({ name: 'Well of Urd' })];
    const result = await api.relate({
      headers: roles.editor,
      ...concept(well.id),
      body: { to: tree.id, type: 'part_of' },
    });
    expect(result.statusCode).toBe(201);
    expect(jsonBody(result)).toEqual({ from: well.id, to: tree.id, type: 'part_of', strength: 1 });
    expect(result.headers.location).toBe(`/concepts/${well.id}/relations/part_of/${tree.id}`);
  });

  it('answers 200, not 201, when the relation exists already', async () => {
    const [tree, well] = [await aConcept(), await aConcept({ name: 'Well of Urd' })];
    await api.relate({
      headers: roles.editor,
      ...concept(well.id),
      body: { to: tree.id, type: 'part_of', strength: 0.2 },
    });

    const again = await api.relate({
      headers: roles.editor,
      ...concept(well.id),
      body: { to: tree.id, type: 'part_of', strength: 0.9 },
    });

    expect(again.statusCode).toBe(200);
    expect(jsonBody(again)).toEqual({ from: well.id, to: tree.id, type: 'part_of', strength: 0.9 });
  });

  it('keeps one relation per pair and type, with the latest strength', async () => {
    const [tree, well] = [await aConcept(), await aConcept({ name: 'Well of Urd' })];
    await api.relate({
      headers: roles.editor,
      ...concept(well.id),
      body: { to: tree.id, type: 'part_of', strength: 0.2 },
    });
    await api.relate({
      headers: roles.editor,
      ...concept(well.id),
      body: { to: tree.id, type: 'part_of', strength: 0.9 },
    });
    expect(await knowledgeStore().listRelations(tree.id)).toEqual([
      { from: well.id, to: tree.id, type: 'part_of', strength: 0.9 },
    ]);
  });

  it('drops both concepts from the cache', async () => {
    // Prepare
    const [tree, well] = [await aConcept(), await aConcept({ name: 'Well of Urd' })];
    for (const id of [tree.id, well.id]) await api.get({ headers: roles.viewer, ...concept(id) });

    // Act
    await api.relate({ headers: roles.editor, ...concept(well.id), body: { to: tree.id, type: 'part_of' } });

    // Assess
    for (const key of [cacheKeys.concept(tree.id), cacheKeys.concept(well.id)]) {
      expect(await sharedCache().get(key)).toBeUndefined();
      expect(localCache().get(key)).toBeUndefined();
    }
  });

  it('records the relation in the audit trail under the concept it starts from', async () => {
    const [tree, well] = [await aConcept(), await aConcept({ name: 'Well of Urd' })];
    await api.relate({
      headers: roles.editor,
      ...concept(well.id),
      body: { to: tree.id, type: 'part_of', strength: 0.5 },
    });
    expect(await auditEntries(EDITOR, 'concept.relate')).toEqual([
      expect.objectContaining({
        action: 'concept.relate',
        resourceType: 'concept',
        resourceId: well.id,
        details: { to: tree.id, type: 'part_of', strength: 0.5 },
      }),
    ]);
  });

  it('answers 404 for an unknown target, naming it', async () => {
    const well = await aConcept({ name: 'Well of Urd' });
    const problem = expectProblem(
      await api.relate({
        headers: roles.editor,
        ...concept(well.id),
        body: { to: UNKNOWN_CONCEPT_ID, type: 'part_of' },
      }),
      404,
    );
    expect(problem.detail).toContain(UNKNOWN_CONCEPT_ID);
  });

  it('refuses to relate a concept to itself with 400', async () => {
    const tree = await aConcept();
    const problem = expectProblem(
      await api.relate({ headers: roles.editor, ...concept(tree.id), body: { to: tree.id, type: 'similar_to' } }),
      400,
    );
    expect(problem.errors?.[0]?.field).toBe('to');
  });

  it.each([
    ['a missing target', { type: 'is_a' }, 'to'],
    ['a target that is not a concept id', { to: 'Yggdrasil', type: 'is_a' }, 'to'],
    ['an unknown relation type', { to: UNKNOWN_CONCEPT_ID, type: 'loves' }, 'type'],
    ['a strength over 1', { to: UNKNOWN_CONCEPT_ID, type: 'is_a', strength: 1.5 }, 'strength'],
    ['a strength that is a string', { to: UNKNOWN_CONCEPT_ID, type: 'is_a', strength: '1' }, 'strength'],
    ['an unknown field', { to: UNKNOWN_CONCEPT_ID, type: 'is_a', weight: 1 }, '(root)'],
  ])('refuses %s with 400', async (_case, body, field) => {
    const tree = await aConcept();
    const problem = expectProblem(await api.relate({ headers: roles.editor, ...concept(tree.id), body }), 400);
    expect(problem.errors?.[0]?.field).toBe(field);
  });

  it('refuses a body of another media type with 415', async () => {
    const tree = await aConcept();
    expectProblem(
      await api.relate({ headers: roles.editor, ...concept(tree.id), body: 'to=x', contentType: 'text/plain' }),
      415,
    );
  });

  it('refuses a body over 4 KiB with 413', async () => {
    const tree = await aConcept();
    const body = JSON.stringify({ to: UNKNOWN_CONCEPT_ID, type: 'is_a', note: 'n'.repeat(4 * 1024) });
    expectProblem(await api.relate({ headers: roles.editor, ...concept(tree.id), body }), 413);
  });

  it('refuses a body that is not JSON with 400', async () => {
    const tree = await aConcept();
    expectProblem(await api.relate({ headers: roles.editor, ...concept(tree.id), body: '{to:' }), 400);
  });
});

describe('GET /concepts/{conceptId}/relations', () => {
  it('lists the relations a concept takes part in, both ways', async () => {
    // Prepare
    const [tree, well, norn] = [
      await aConcept(),
      await aConcept({ name: 'Well of Urd' }),
      await aConcept({ name: 'Urd' }),
    ];
    await api.relate({ headers: roles.editor, ...concept(well.id), body: { to: tree.id, type: 'part_of' } });
    await api.relate({
      headers: roles.editor,
      ...concept(tree.id),
      body: { to: norn.id, type: 'influences', strength: 0.4 },
    });

    // Act
    const result = await api.relations({ headers: roles.viewer, ...concept(tree.id) });

    // Assess
    expect(result.statusCode).toBe(200);
    const { items } = jsonBody(result) as { items: ConceptRelation[] };
    expect(items).toHaveLength(2);
    expect(items).toEqual(
      expect.arrayContaining([
        { from: well.id, to: tree.id, type: 'part_of', strength: 1 },
        { from: tree.id, to: norn.id, type: 'influences', strength: 0.4 },
      ]),
    );
  });
});

describe('DELETE /concepts/{conceptId}/relations/{relationType}/{targetId}', () => {
  it('removes the relation with 204', async () => {
    const [tree, well] = [await aConcept(), await aConcept({ name: 'Well of Urd' })];
    await api.relate({ headers: roles.editor, ...concept(well.id), body: { to: tree.id, type: 'part_of' } });
    const result = await api.unrelate({ headers: roles.editor, ...relation(well.id, 'part_of', tree.id) });
    expect(result.statusCode).toBe(204);
    expect(jsonBody(await api.relations({ headers: roles.viewer, ...concept(tree.id) }))).toEqual({ items: [] });
  });

  it('answers 404 when the concepts are related by another type only', async () => {
    const [tree, well] = [await aConcept(), await aConcept({ name: 'Well of Urd' })];
    await api.relate({ headers: roles.editor, ...concept(well.id), body: { to: tree.id, type: 'part_of' } });
    expectProblem(await api.unrelate({ headers: roles.editor, ...relation(well.id, 'causes', tree.id) }), 404);
    expect(await knowledgeStore().listRelations(tree.id)).toHaveLength(1);
  });

  it('answers 400 for a relation type that does not exist', async () => {
    const [tree, well] = [await aConcept(), await aConcept({ name: 'Well of Urd' })];
    const problem = expectProblem(
      await api.unrelate({ headers: roles.editor, ...relation(well.id, 'RELATES_TO', tree.id) }),
      400,
    );
    expect(problem.detail).toMatch(/relation type/);
  });

  it('answers 400 for a target that is not a concept id', async () => {
    const well = await aConcept({ name: 'Well of Urd' });
    const problem = expectProblem(
      await api.unrelate({ headers: roles.editor, ...relation(well.id, 'part_of', '*') }),
      400,
    );
    expect(problem.detail).toMatch(/target concept id/);
  });

  it('drops both concepts from the cache', async () => {
    // Prepare
    const [tree, well] = [await aConcept(), await aConcept({ name: 'Well of Urd' })];
    await api.relate({ headers: roles.editor, ...concept(well.id), body: { to: tree.id, type: 'part_of' } });
    for (const id of [tree.id, well.id]) await api.get({ headers: roles.viewer, ...concept(id) });

    // Act
    await api.unrelate({ headers: roles.editor, ...relation(well.id, 'part_of', tree.id) });

    // Assess
    for (const id of [tree.id, well.id]) expect(await sharedCache().get(cacheKeys.concept(id))).toBeUndefined();
  });

  it('records the removal in the audit trail under the concept it started from', async () => {
    const [tree, well] = [await aConcept(), await aConcept({ name: 'Well of Urd' })];
    await api.relate({ headers: roles.editor, ...concept(well.id), body: { to: tree.id, type: 'part_of' } });
    await api.unrelate({ headers: roles.editor, ...relation(well.id, 'part_of', tree.id) });
    expect(await auditEntries(EDITOR, 'concept.unrelate')).toEqual([
      expect.objectContaining({
        action: 'concept.unrelate',
        resourceType: 'concept',
        resourceId: well.id,
        details: { to: tree.id, type: 'part_of' },
      }),
    ]);
  });
});
