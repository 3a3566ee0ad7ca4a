import { beforeEach, describe, expect, it } from 'vitest';
import { httpFunctions } from '#functions/manifest';
import * as createConcept from '#functions/http/create-concept';
import * as deleteConcept from '#functions/http/delete-concept';
import * as getConcept from '#functions/http/get-concept';
import * as listConceptRelations from '#functions/http/list-concept-relations';
import * as listConcepts from '#functions/http/list-concepts';
import * as relateConcepts from '#functions/http/relate-concepts';
import * as unrelateConcepts from '#functions/http/unrelate-concepts';
import * as updateConcept from '#functions/http/update-concept';
import { localCache, sharedCache } from '#shared/container/cache';
import { knowledgeStore } from '#shared/container/knowledge';
import { CONCEPT_LIMITS, type Concept, type ConceptPage, type ConceptRelation } from '#shared/domain/concepts';
import { cacheKeys } from '#shared/services/read-through';
import { authHeaders } from '../../support/auth.ts';
import { useEmbeddedDefaults } from '../../support/embedded.ts';
import { expectProblem, jsonBody } from '../../support/http.ts';
import { auditEntries, endpoint, UNKNOWN_CONCEPT_ID, type Endpoint, type Request } from './knowledge-requests.ts';

useEmbeddedDefaults();

const api = {
  create: endpoint(httpFunctions.createConcept, createConcept.handler),
  list: endpoint(httpFunctions.listConcepts, listConcepts.handler),
  get: endpoint(httpFunctions.getConcept, getConcept.handler),
  update: endpoint(httpFunctions.updateConcept, updateConcept.handler),
  delete: endpoint(httpFunctions.deleteConcept, deleteConcept.handler),
  relate: endpoint(httpFunctions.relateConcepts, relateConcepts.handler),
  relations: endpoint(httpFunctions.listConceptRelations, listConceptRelations.handler),
  unrelate: endpoint(httpFunctions.unrelateConcepts, unrelateConcepts.handler),
};

const EDITOR = 'editor-edda';
const ADMIN = 'admin-odin';
const VIEWER = 'viewer-mimir';
let editor: Record<string, string>;
let admin: Record<string, string>;
let viewer: Record<string, string>;

beforeEach(async () => {
  // One after another: the first call makes the signing keys the others sign with.
  editor = await authHeaders('editor', EDITOR);
  admin = await authHeaders('admin', ADMIN);
  viewer = await authHeaders('viewer', VIEWER);
});

const OTHER_UNKNOWN_CONCEPT_ID = 'con_BBBBBBBBBBBBBBBBBBBBBB';
const concept = (conceptId: string) => ({ pathParameters: { conceptId } });
const relation = (from: string, type: string, to: string) => ({
  pathParameters: { conceptId: from, relationType: type, targetId: to },
});

async function aConcept(fields: Record<string, unknown> = {}): Promise<Concept> {
  const result = await api.create({ headers: editor, body: { name: 'Yggdrasil', ...fields } });
  expect(result.statusCode).toBe(201);
  return jsonBody(result) as Concept;
}

/** Everything the concept routes can change, read past the API. */
async function graphState(...ids: string[]): Promise<unknown> {
  const store = knowledgeStore();
  const page = await store.concepts.list({ limit: CONCEPT_LIMITS.maxPageSize });
  const relations = await Promise.all(ids.map((id) => store.listRelations(id).catch(() => 'gone')));
  return { concepts: page.items, relations };
}

describe('the concept routes together', () => {
  it('take a concept from creation through relations to deletion', async () => {
    // Create, read, change, list.
    const created = await api.create({ headers: editor, body: { name: 'Yggdrasil', domain: 'religion' } });
    expect(created.statusCode).toBe(201);
    const tree = jsonBody(created) as Concept;
    const fetched = await api.get({ headers: viewer, ...concept(tree.id) });
    expect(jsonBody(fetched)).toEqual(tree);
    const updated = await api.update({
      headers: { ...editor, 'if-match': fetched.headers.etag ?? '' },
      ...concept(tree.id),
      body: { description: 'The world tree' },
    });
    expect(updated.statusCode).toBe(200);
    expect(jsonBody(updated)).toMatchObject({ description: 'The world tree', version: 2 });
    const listed = jsonBody(await api.list({ headers: viewer, query: { domain: 'religion' } })) as ConceptPage;
    expect(listed.items.map((item) => item.id)).toEqual([tree.id]);

    // Relate, and be refused the delete while related.
    const well = await aConcept({ name: 'Well of Urd' });
    expect(
      (await api.relate({ headers: editor, ...concept(well.id), body: { to: tree.id, type: 'part_of' } })).statusCode,
    ).toBe(201);
    expectProblem(await api.delete({ headers: admin, ...concept(tree.id) }), 409);

    // Unrelate, then delete.
    expect((await api.unrelate({ headers: editor, ...relation(well.id, 'part_of', tree.id) })).statusCode).toBe(204);
    const deleted = await api.delete({ headers: admin, ...concept(tree.id) });
    expect(deleted.statusCode).toBe(204);
    expect(deleted.body ?? '').toBe('');
    expectProblem(await api.get({ headers: viewer, ...concept(tree.id) }), 404);
  });
});

describe('every concept route', () => {
  const routes: [string, Endpoint, Request][] = [
    ['POST /concepts', api.create, { body: { name: 'Yggdrasil' } }],
    ['GET /concepts', api.list, {}],
    ['GET /concepts/{conceptId}', api.get, concept(UNKNOWN_CONCEPT_ID)],
    ['PATCH /concepts/{conceptId}', api.update, { ...concept(UNKNOWN_CONCEPT_ID), body: { name: 'x' } }],
    ['DELETE /concepts/{conceptId}', api.delete, concept(UNKNOWN_CONCEPT_ID)],
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
  ];

  it.each(routes)('%s refuses a caller without credentials with 401', async (_route, call, request) => {
    const result = await call(request);
    expectProblem(result, 401);
    expect(result.headers['www-authenticate']).toMatch(/^Bearer/);
  });

  const writes: [string, Endpoint, (ids: { tree: string; well: string }) => Request][] = [
    ['POST /concepts', api.create, () => ({ body: { name: 'Bifrost' } })],
    ['PATCH /concepts/{conceptId}', api.update, ({ tree }) => ({ ...concept(tree), body: { name: 'Renamed' } })],
    ['DELETE /concepts/{conceptId}', api.delete, ({ well }) => concept(well)],
    [
      'POST /concepts/{conceptId}/relations',
      api.relate,
      ({ tree, well }) => ({ ...concept(tree), body: { to: well, type: 'causes' } }),
    ],
    [
      'DELETE /concepts/{conceptId}/relations/{relationType}/{targetId}',
      api.unrelate,
      ({ tree, well }) => relation(well, 'part_of', tree),
    ],
  ];

  it.each(writes)('%s refuses a viewer with 403 and changes nothing', async (_route, call, request) => {
    // Prepare
    const [tree, well] = [await aConcept(), await aConcept({ name: 'Well of Urd' })];
    await knowledgeStore().relateConcepts(well.id, tree.id, 'part_of', 1);
    const before = await graphState(tree.id, well.id);

    // Act
    const result = await call({ headers: viewer, ...request({ tree: tree.id, well: well.id }) });

    // Assess
    expectProblem(result, 403);
    expect(await graphState(tree.id, well.id)).toEqual(before);
  });

  const byId: [string, Endpoint, (id: string) => Request][] = [
    ['GET /concepts/{conceptId}', api.get, (id) => concept(id)],
    ['PATCH /concepts/{conceptId}', api.update, (id) => ({ ...concept(id), body: { name: 'x' } })],
    ['DELETE /concepts/{conceptId}', api.delete, (id) => concept(id)],
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
  ];

  it.each(byId)('%s answers 400 for an id that is not a concept id', async (_route, call, request) => {
    const problem = expectProblem(await call({ headers: admin, ...request("x' OR 1=1 --") }), 400);
    expect(problem.detail).toMatch(/concept id/);
  });

  it.each(byId)('%s answers 404 for a well-formed id no concept has', async (_route, call, request) => {
    const problem = expectProblem(await call({ headers: admin, ...request(UNKNOWN_CONCEPT_ID) }), 404);
    expect(problem.detail).toContain(UNKNOWN_CONCEPT_ID);
  });

  it.each(routes)('%s refuses a query parameter it does not take', async (_route, call, request) => {
    const problem = expectProblem(await call({ headers: admin, ...request, query: { debug: 'true' } }), 400);
    expect(problem.detail).toMatch(/query string/);
  });
});

describe('POST /concepts', () => {
  it('creates a concept with 201, its Location, its version as ETag and the defaults filled in', async () => {
    const result = await api.create({ headers: editor, body: { name: 'Yggdrasil' } });
    expect(result.statusCode).toBe(201);
    const created = jsonBody(result) as Concept;
    expect(created).toMatchObject({ name: 'Yggdrasil', domain: 'general', type: 'other', version: 1 });
    expect(created.id).toMatch(/^con_/);
    expect(result.headers.location).toBe(`/concepts/${created.id}`);
    expect(result.headers.etag).toBe('"1"');
    expect(await knowledgeStore().concepts.get(created.id)).toEqual(created);
  });

  it('stores a name that looks like a Cypher injection literally', async () => {
    // Prepare
    const name = "x'}) MATCH (n) DETACH DELETE n //";
    const other = await aConcept({ name: 'Bystander' });

    // Act
    const created = await aConcept({ name });

    // Assess
    expect(jsonBody(await api.get({ headers: viewer, ...concept(created.id) }))).toMatchObject({ name });
    expect(await knowledgeStore().concepts.get(other.id)).toEqual(other);
  });

  it('records who created which concept in the audit trail', async () => {
    const created = await aConcept();
    expect(await auditEntries(EDITOR, 'concept.create')).toEqual([
      expect.objectContaining({
        action: 'concept.create',
        resourceType: 'concept',
        resourceId: created.id,
        status: 201,
      }),
    ]);
  });

  it.each([
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
  ])('refuses %s with 400, names the field and stores nothing', async (_case, body, field) => {
    const problem = expectProblem(await api.create({ headers: editor, body }), 400);
    expect(problem.errors?.[0]?.field).toBe(field);
    expect((await knowledgeStore().concepts.list({ limit: 10 })).items).toEqual([]);
  });

  it('refuses a body that is not JSON with 400', async () => {
    const problem = expectProblem(await api.create({ headers: editor, body: '{"name": "Yggdr' }), 400);
    expect(problem.type).toBe('/problems/malformed-body');
  });

  it('refuses a JSON value that is not an object with 400', async () => {
    expectProblem(await api.create({ headers: editor, body: '["Yggdrasil"]' }), 400);
  });

  it('refuses a body of another media type with 415', async () => {
    expectProblem(
      await api.create({ headers: editor, body: 'name=Yggdrasil', contentType: 'application/x-www-form-urlencoded' }),
      415,
    );
  });

  it('refuses a body without a content type with 415', async () => {
    expectProblem(await api.create({ headers: editor, body: '{"name":"Yggdrasil"}', contentType: null }), 415);
  });

  it('refuses a body over 64 KiB with 413 and stores nothing', async () => {
    const body = JSON.stringify({ name: 'y', description: 'd'.repeat(64 * 1024) });
    expectProblem(await api.create({ headers: editor, body }), 413);
    expect((await knowledgeStore().concepts.list({ limit: 10 })).items).toEqual([]);
  });
});

describe('GET /concepts/{conceptId}', () => {
  it('answers the concept with its version as a strong ETag', async () => {
    const created = await aConcept({ description: 'The world tree', level: 'ancient' });
    const result = await api.get({ headers: viewer, ...concept(created.id) });
    expect(result.statusCode).toBe(200);
    expect(jsonBody(result)).toEqual(created);
    expect(result.headers.etag).toBe('"1"');
  });

  it('serves a repeated read from the cache', async () => {
    // Prepare
    const created = await aConcept();
    await api.get({ headers: viewer, ...concept(created.id) });
    await knowledgeStore().concepts.update(created.id, { name: 'Changed past the API', updatedAt: created.updatedAt });

    // Act
    const result = await api.get({ headers: viewer, ...concept(created.id) });

    // Assess
    expect(jsonBody(result)).toMatchObject({ name: 'Yggdrasil', version: 1 });
    expect(await sharedCache().get(cacheKeys.concept(created.id))).toBe(JSON.stringify(created));
  });

  it('caches nothing for an unknown concept', async () => {
    await api.get({ headers: viewer, ...concept(UNKNOWN_CONCEPT_ID) });
    expect(await sharedCache().get(cacheKeys.concept(UNKNOWN_CONCEPT_ID))).toBeUndefined();
  });
});

describe('PATCH /concepts/{conceptId}', () => {
  it('changes only the given fields, removes a null one, and bumps the version and ETag', async () => {
    const created = await aConcept({ description: 'The world tree', type: 'idea' });
    const result = await api.update({
      headers: editor,
      ...concept(created.id),
      body: { name: 'Askr', description: null },
    });
    expect(result.statusCode).toBe(200);
    const updated = jsonBody(result) as Concept;
    expect(updated).toMatchObject({
      id: created.id,
      name: 'Askr',
      type: 'idea',
      version: 2,
      createdAt: created.createdAt,
    });
    expect(updated).not.toHaveProperty('description');
    expect(result.headers.etag).toBe('"2"');
  });

  it('applies the change when If-Match names the current version', async () => {
    const created = await aConcept();
    const result = await api.update({
      headers: { ...editor, 'if-match': '"1"' },
      ...concept(created.id),
      body: { name: 'Askr' },
    });
    expect(result.statusCode).toBe(200);
    expect(result.headers.etag).toBe('"2"');
  });

  it('answers 412 when If-Match names an older version, and changes nothing', async () => {
    // Prepare
    const created = await aConcept();
    await api.update({ headers: editor, ...concept(created.id), body: { name: 'Askr' } });

    // Act
    const result = await api.update({
      headers: { ...editor, 'if-match': '"1"' },
      ...concept(created.id),
      body: { name: 'Embla' },
    });

    // Assess
    const problem = expectProblem(result, 412);
    expect(problem.detail).toMatch(/version 2, not 1/);
    expect(await knowledgeStore().concepts.get(created.id)).toMatchObject({ name: 'Askr', version: 2 });
  });

  it('answers 412 for a weak If-Match, which never matches', async () => {
    const created = await aConcept();
    const result = await api.update({
      headers: { ...editor, 'if-match': 'W/"1"' },
      ...concept(created.id),
      body: { name: 'Askr' },
    });
    expectProblem(result, 412);
    expect(await knowledgeStore().concepts.get(created.id)).toEqual(created);
  });

  it('answers 400 for an If-Match that is not an entity tag', async () => {
    const created = await aConcept();
    const problem = expectProblem(
      await api.update({ headers: { ...editor, 'if-match': '1' }, ...concept(created.id), body: { name: 'Askr' } }),
      400,
    );
    expect(problem.errors?.[0]?.field).toBe('If-Match');
  });

  it('answers 404, not 412, for an unknown concept under If-Match', async () => {
    const result = await api.update({
      headers: { ...editor, 'if-match': '"1"' },
      ...concept(UNKNOWN_CONCEPT_ID),
      body: { name: 'Askr' },
    });
    expectProblem(result, 404);
  });

  it('shows the change on the next read, past the cache', async () => {
    // Prepare
    const created = await aConcept();
    await api.get({ headers: viewer, ...concept(created.id) });

    // Act
    await api.update({ headers: editor, ...concept(created.id), body: { name: 'Askr' } });

    // Assess
    const result = await api.get({ headers: viewer, ...concept(created.id) });
    expect(jsonBody(result)).toMatchObject({ name: 'Askr', version: 2 });
    expect(result.headers.etag).toBe('"2"');
  });

  it('records the update and the fields it changed in the audit trail', async () => {
    const created = await aConcept();
    await api.update({ headers: editor, ...concept(created.id), body: { name: 'Askr', level: 'ancient' } });
    expect(await auditEntries(EDITOR, 'concept.update')).toEqual([
      expect.objectContaining({
        action: 'concept.update',
        resourceType: 'concept',
        resourceId: created.id,
        details: { fields: ['name', 'level'] },
        outcome: 'success',
      }),
    ]);
  });

  it('records a refused update as a failure', async () => {
    const created = await aConcept();
    await api.update({ headers: { ...editor, 'if-match': '"7"' }, ...concept(created.id), body: { name: 'Askr' } });
    expect(await auditEntries(EDITOR, 'concept.update')).toEqual([
      expect.objectContaining({
        action: 'concept.update',
        status: 412,
        outcome: 'failure',
      }),
    ]);
  });

  it.each([
    ['an empty patch', {}, '(root)'],
    ['a name of the wrong type', { name: ['Askr'] }, 'name'],
    ['a name over the length limit', { name: 'y'.repeat(CONCEPT_LIMITS.maxNameLength + 1) }, 'name'],
    ['a null name', { name: null }, 'name'],
    ['an unknown field', { version: 9 }, '(root)'],
  ])('refuses %s with 400 and changes nothing', async (_case, body, field) => {
    const created = await aConcept();
    const problem = expectProblem(await api.update({ headers: editor, ...concept(created.id), body }), 400);
    expect(problem.errors?.[0]?.field).toBe(field);
    expect(await knowledgeStore().concepts.get(created.id)).toEqual(created);
  });

  it('refuses a body that is not JSON with 400', async () => {
    const created = await aConcept();
    expectProblem(await api.update({ headers: editor, ...concept(created.id), body: 'name: Askr' }), 400);
  });

  it('refuses a body of another media type with 415', async () => {
    const created = await aConcept();
    expectProblem(
      await api.update({ headers: editor, ...concept(created.id), body: '{"name":"Askr"}', contentType: 'text/plain' }),
      415,
    );
  });

  it('refuses a body over 64 KiB with 413', async () => {
    const created = await aConcept();
    const body = JSON.stringify({ description: 'd'.repeat(64 * 1024) });
    expectProblem(await api.update({ headers: editor, ...concept(created.id), body }), 413);
  });
});

describe('DELETE /concepts/{conceptId}', () => {
  it('deletes a concept nothing links to with 204, and it is gone', async () => {
    const created = await aConcept();
    const result = await api.delete({ headers: admin, ...concept(created.id) });
    expect(result.statusCode).toBe(204);
    expect(await knowledgeStore().concepts.get(created.id)).toBeUndefined();
  });

  it('keeps a related concept with 409 that says what holds it', async () => {
    // Prepare
    const [tree, well] = [await aConcept(), await aConcept({ name: 'Well of Urd' })];
    await api.relate({ headers: editor, ...concept(well.id), body: { to: tree.id, type: 'part_of' } });

    // Act
    const result = await api.delete({ headers: admin, ...concept(tree.id) });

    // Assess
    const problem = expectProblem(result, 409);
    expect(problem.detail).toMatch(/1 relation/);
    expect(await knowledgeStore().concepts.get(tree.id)).toEqual(tree);
  });

  it('refuses an editor, whose role may not delete concepts, with 403', async () => {
    const created = await aConcept();
    expectProblem(await api.delete({ headers: editor, ...concept(created.id) }), 403);
    expect(await knowledgeStore().concepts.get(created.id)).toEqual(created);
  });

  it('answers 404 on the next read, though the concept was cached', async () => {
    const created = await aConcept();
    await api.get({ headers: viewer, ...concept(created.id) });
    await api.delete({ headers: admin, ...concept(created.id) });
    expectProblem(await api.get({ headers: viewer, ...concept(created.id) }), 404);
  });

  it('records the deletion in the audit trail', async () => {
    const created = await aConcept();
    await api.delete({ headers: admin, ...concept(created.id) });
    expect(await auditEntries(ADMIN, 'concept.delete')).toEqual([
      expect.objectContaining({
        action: 'concept.delete',
        resourceType: 'concept',
        resourceId: created.id,
        status: 204,
      }),
    ]);
  });
});

describe('GET /concepts', () => {
  it('pages through concepts by name, each once', async () => {
    // Prepare
    for (const name of ['Nidhogg', 'Askr', 'Embla']) await aConcept({ name });

    // Act
    const first = jsonBody(await api.list({ headers: viewer, query: { limit: '2' } })) as ConceptPage;
    const second = jsonBody(
      await api.list({ headers: viewer, query: { limit: '2', cursor: first.nextCursor ?? '' } }),
    ) as ConceptPage;

    // Assess
    expect(first.items.map((item) => item.name)).toEqual(['Askr', 'Embla']);
    expect(second.items.map((item) => item.name)).toEqual(['Nidhogg']);
    expect(second.nextCursor).toBeUndefined();
  });

  it('filters by domain and by a case-insensitive part of the name', async () => {
    await aConcept({ name: 'World Tree', domain: 'religion' });
    await aConcept({ name: 'Tree of Life', domain: 'science' });
    await aConcept({ name: 'Well of Urd', domain: 'religion' });
    const result = await api.list({ headers: viewer, query: { domain: 'religion', nameContains: 'TREE' } });
    expect((jsonBody(result) as ConceptPage).items.map((item) => item.name)).toEqual(['World Tree']);
  });

  it('answers an empty page when nothing matches', async () => {
    const result = await api.list({ headers: viewer });
    expect(result.statusCode).toBe(200);
    expect(jsonBody(result)).toEqual({ items: [] });
  });

  it.each([
    ['a cursor that is not one', { cursor: 'not-a-cursor' }, 'cursor'],
    ['a limit of 0', { limit: '0' }, 'limit'],
    ['a limit over the page size', { limit: String(CONCEPT_LIMITS.maxPageSize + 1) }, 'limit'],
    ['a limit that is not a number', { limit: 'ten' }, 'limit'],
    ['an unknown domain', { domain: 'astrology' }, 'domain'],
    ['a repeated domain', { domain: 'science,history' }, 'domain'],
    ['an unknown parameter', { sort: 'name' }, '(root)'],
  ])('refuses %s with 400', async (_case, query, field) => {
    const problem = expectProblem(await api.list({ headers: viewer, query }), 400);
    expect(problem.errors?.[0]?.field).toBe(field);
  });

  it('refuses a cursor issued for other filters with 400', async () => {
    for (const name of ['Askr', 'Embla']) await aConcept({ name });
    const page = jsonBody(await api.list({ headers: viewer, query: { limit: '1' } })) as ConceptPage;
    const result = await api.list({
      headers: viewer,
      query: { limit: '1', domain: 'science', cursor: page.nextCursor ?? '' },
    });
    expect(expectProblem(result, 400).errors?.[0]?.field).toBe('cursor');
  });
});

describe('POST /concepts/{conceptId}/relations', () => {
  it('relates two concepts with 201, a default strength of 1 and where the relation lives', async () => {
    const [tree, well] = [await aConcept(), await aConcept({ name: 'Well of Urd' })];
    const result = await api.relate({ headers: editor, ...concept(well.id), body: { to: tree.id, type: 'part_of' } });
    expect(result.statusCode).toBe(201);
    expect(jsonBody(result)).toEqual({ from: well.id, to: tree.id, type: 'part_of', strength: 1 });
    expect(result.headers.location).toBe(`/concepts/${well.id}/relations/part_of/${tree.id}`);
  });

  it('answers 200, not 201, when the relation exists already', async () => {
    const [tree, well] = [await aConcept(), await aConcept({ name: 'Well of Urd' })];
    await api.relate({ headers: editor, ...concept(well.id), body: { to: tree.id, type: 'part_of', strength: 0.2 } });

    const again = await api.relate({
      headers: editor,
      ...concept(well.id),
      body: { to: tree.id, type: 'part_of', strength: 0.9 },
    });

    expect(again.statusCode).toBe(200);
    expect(jsonBody(again)).toEqual({ from: well.id, to: tree.id, type: 'part_of', strength: 0.9 });
  });

  it('keeps one relation per pair and type, with the latest strength', async () => {
    const [tree, well] = [await aConcept(), await aConcept({ name: 'Well of Urd' })];
    await api.relate({ headers: editor, ...concept(well.id), body: { to: tree.id, type: 'part_of', strength: 0.2 } });
    await api.relate({ headers: editor, ...concept(well.id), body: { to: tree.id, type: 'part_of', strength: 0.9 } });
    expect(await knowledgeStore().listRelations(tree.id)).toEqual([
      { from: well.id, to: tree.id, type: 'part_of', strength: 0.9 },
    ]);
  });

  it('drops both concepts from the cache', async () => {
    // Prepare
    const [tree, well] = [await aConcept(), await aConcept({ name: 'Well of Urd' })];
    for (const id of [tree.id, well.id]) await api.get({ headers: viewer, ...concept(id) });

    // Act
    await api.relate({ headers: editor, ...concept(well.id), body: { to: tree.id, type: 'part_of' } });

    // Assess
    for (const key of [cacheKeys.concept(tree.id), cacheKeys.concept(well.id)]) {
      expect(await sharedCache().get(key)).toBeUndefined();
      expect(localCache().get(key)).toBeUndefined();
    }
  });

  it('records the relation in the audit trail under the concept it starts from', async () => {
    const [tree, well] = [await aConcept(), await aConcept({ name: 'Well of Urd' })];
    await api.relate({ headers: editor, ...concept(well.id), body: { to: tree.id, type: 'part_of', strength: 0.5 } });
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
      await api.relate({ headers: editor, ...concept(well.id), body: { to: UNKNOWN_CONCEPT_ID, type: 'part_of' } }),
      404,
    );
    expect(problem.detail).toContain(UNKNOWN_CONCEPT_ID);
  });

  it('refuses to relate a concept to itself with 400', async () => {
    const tree = await aConcept();
    const problem = expectProblem(
      await api.relate({ headers: editor, ...concept(tree.id), body: { to: tree.id, type: 'similar_to' } }),
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
    const problem = expectProblem(await api.relate({ headers: editor, ...concept(tree.id), body }), 400);
    expect(problem.errors?.[0]?.field).toBe(field);
  });

  it('refuses a body of another media type with 415', async () => {
    const tree = await aConcept();
    expectProblem(
      await api.relate({ headers: editor, ...concept(tree.id), body: 'to=x', contentType: 'text/plain' }),
      415,
    );
  });

  it('refuses a body over 4 KiB with 413', async () => {
    const tree = await aConcept();
    const body = JSON.stringify({ to: UNKNOWN_CONCEPT_ID, type: 'is_a', note: 'n'.repeat(4 * 1024) });
    expectProblem(await api.relate({ headers: editor, ...concept(tree.id), body }), 413);
  });

  it('refuses a body that is not JSON with 400', async () => {
    const tree = await aConcept();
    expectProblem(await api.relate({ headers: editor, ...concept(tree.id), body: '{to:' }), 400);
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
    await api.relate({ headers: editor, ...concept(well.id), body: { to: tree.id, type: 'part_of' } });
    await api.relate({
      headers: editor,
      ...concept(tree.id),
      body: { to: norn.id, type: 'influences', strength: 0.4 },
    });

    // Act
    const result = await api.relations({ headers: viewer, ...concept(tree.id) });

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
    await api.relate({ headers: editor, ...concept(well.id), body: { to: tree.id, type: 'part_of' } });
    const result = await api.unrelate({ headers: editor, ...relation(well.id, 'part_of', tree.id) });
    expect(result.statusCode).toBe(204);
    expect(jsonBody(await api.relations({ headers: viewer, ...concept(tree.id) }))).toEqual({ items: [] });
  });

  it('answers 404 when the concepts are related by another type only', async () => {
    const [tree, well] = [await aConcept(), await aConcept({ name: 'Well of Urd' })];
    await api.relate({ headers: editor, ...concept(well.id), body: { to: tree.id, type: 'part_of' } });
    expectProblem(await api.unrelate({ headers: editor, ...relation(well.id, 'causes', tree.id) }), 404);
    expect(await knowledgeStore().listRelations(tree.id)).toHaveLength(1);
  });

  it('answers 400 for a relation type that does not exist', async () => {
    const [tree, well] = [await aConcept(), await aConcept({ name: 'Well of Urd' })];
    const problem = expectProblem(
      await api.unrelate({ headers: editor, ...relation(well.id, 'RELATES_TO', tree.id) }),
      400,
    );
    expect(problem.detail).toMatch(/relation type/);
  });

  it('answers 400 for a target that is not a concept id', async () => {
    const well = await aConcept({ name: 'Well of Urd' });
    const problem = expectProblem(await api.unrelate({ headers: editor, ...relation(well.id, 'part_of', '*') }), 400);
    expect(problem.detail).toMatch(/target concept id/);
  });

  it('drops both concepts from the cache', async () => {
    // Prepare
    const [tree, well] = [await aConcept(), await aConcept({ name: 'Well of Urd' })];
    await api.relate({ headers: editor, ...concept(well.id), body: { to: tree.id, type: 'part_of' } });
    for (const id of [tree.id, well.id]) await api.get({ headers: viewer, ...concept(id) });

    // Act
    await api.unrelate({ headers: editor, ...relation(well.id, 'part_of', tree.id) });

    // Assess
    for (const id of [tree.id, well.id]) expect(await sharedCache().get(cacheKeys.concept(id))).toBeUndefined();
  });

  it('records the removal in the audit trail under the concept it started from', async () => {
    const [tree, well] = [await aConcept(), await aConcept({ name: 'Well of Urd' })];
    await api.relate({ headers: editor, ...concept(well.id), body: { to: tree.id, type: 'part_of' } });
    await api.unrelate({ headers: editor, ...relation(well.id, 'part_of', tree.id) });
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
