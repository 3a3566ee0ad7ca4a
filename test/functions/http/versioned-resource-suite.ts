import { describe, expect, it } from 'vitest';
import { localCache, sharedCache } from '#shared/container/cache';
import type { Page, Versioned } from '#shared/domain/versioned';
import type { VersionedStore } from '#shared/ports/versioned-store';
import { expectProblem, jsonBody } from '../../support/http.ts';
import {
  auditEntries,
  type Endpoint,
  type Request,
  type RoleHeaders,
  type VersionedApi,
} from './knowledge-requests.ts';

/** A test table row: what the case is, what is sent, which field the 400 names. */
type BadInput = readonly [string, Record<string, unknown>, string];

/** A route of the resource's own besides the five (relations, evidence), for the checks every route passes. */
export interface SubRoutes {
  /** Every sub-route with a request for an unknown resource. */
  readonly any: readonly (readonly [string, Endpoint, Request])[];
  /** The sub-routes that write, given the ids `seed` made. */
  readonly writes: readonly (readonly [string, Endpoint, (ids: readonly string[]) => Request])[];
  /** The sub-routes below one resource, given its id. */
  readonly byId: readonly (readonly [string, Endpoint, (id: string) => Request])[];
}

/** What the shared suite needs to know of one kind of versioned resource and its routes. */
export interface VersionedResourceCase<T extends Versioned> {
  /** `concept`: names it in audit actions, resource types and messages. */
  readonly resource: string;
  /** `/concepts`. */
  readonly collection: string;
  /** `conceptId`. */
  readonly idParameter: string;
  /** `con_`. */
  readonly idPrefix: string;
  /** Of the right shape, held by no store. */
  readonly unknownId: string;
  /** Not an id of this resource. */
  readonly malformedId: string;
  readonly api: VersionedApi;
  readonly roles: RoleHeaders;
  readonly usernames: { readonly editor: string; readonly admin: string };
  readonly store: () => VersionedStore<T, never, { readonly limit: number }>;
  readonly cacheKey: (id: string) => string;
  readonly create: {
    /** The least a create needs. */
    readonly body: Record<string, unknown>;
    /** The defaults a create without them fills in. */
    readonly defaults: Record<string, unknown>;
    /** The free-text field (the name, the text). */
    readonly textField: string;
    /** Optional fields, `nullable` among them. */
    readonly optional: Record<string, unknown>;
    readonly invalid: readonly BadInput[];
  };
  readonly update: {
    readonly patch: Record<string, unknown>;
    /** Another patch, which a stale If-Match must not apply over `patch`. */
    readonly otherPatch: Record<string, unknown>;
    /** An optional field a `null` in the patch removes. */
    readonly nullable: string;
    /** A patch and the fields the audit trail names for it, in its order. */
    readonly audited: { readonly patch: Record<string, unknown>; readonly fields: readonly string[] };
    readonly invalid: readonly BadInput[];
  };
  readonly list: {
    /** Three creates, for the pages. */
    readonly seeds: readonly Record<string, unknown>[];
    /** The ids of `created` in the list's order. */
    readonly order: (created: readonly T[]) => string[];
    /** Filters other than none, under which a cursor from an unfiltered page is refused. */
    readonly otherFilters: Record<string, string>;
    readonly invalid: readonly (readonly [string, Record<string, string>, string])[];
  };
  readonly subRoutes: SubRoutes;
  /** The resources the write checks start from: the first one is the one PATCH and DELETE name. */
  readonly seed: () => Promise<readonly string[]>;
  /** Everything the routes can change, read past the API. */
  readonly state: (ids: readonly string[]) => Promise<unknown>;
}

const BIG = 64 * 1024;

/**
 * The HTTP behaviour every versioned resource shares (create, get, If-Match update, delete, cursor pages,
 * the read cache, the checks every route passes), run once per resource. What is the resource's own stays
 * in its file.
 */
export function describeVersionedResource<T extends Versioned>(spec: VersionedResourceCase<T>): void {
  const { api, roles, resource, collection } = spec;
  const one = (id: string) => ({ pathParameters: { [spec.idParameter]: id } });

  async function aResource(fields: Record<string, unknown> = {}): Promise<T> {
    const result = await api.create({ headers: roles.editor, body: { ...spec.create.body, ...fields } });
    expect(result.statusCode).toBe(201);
    return jsonBody(result) as T;
  }

  const stored = (id: string) => spec.store().get(id);
  const storedNone = async () => expect((await spec.store().list({ limit: 10 })).items).toEqual([]);
  const path = `${collection}/{${spec.idParameter}}`;

  describe(`every ${resource} route`, () => {
    const routes: (readonly [string, Endpoint, Request])[] = [
      [`POST ${collection}`, api.create, { body: spec.create.body }],
      [`GET ${collection}`, api.list, {}],
      [`GET ${path}`, api.get, one(spec.unknownId)],
      [`PATCH ${path}`, api.update, { ...one(spec.unknownId), body: spec.update.patch }],
      [`DELETE ${path}`, api.delete, one(spec.unknownId)],
      ...spec.subRoutes.any,
    ];

    it.each(routes)('%s refuses a caller without credentials with 401', async (_route, call, request) => {
      const result = await call(request);
      expectProblem(result, 401);
      expect(result.headers['www-authenticate']).toMatch(/^Bearer/);
    });

    const writes: (readonly [string, Endpoint, (ids: readonly string[]) => Request])[] = [
      [`POST ${collection}`, api.create, () => ({ body: spec.list.seeds[0] })],
      [`PATCH ${path}`, api.update, ([id = '']) => ({ ...one(id), body: spec.update.patch })],
      [`DELETE ${path}`, api.delete, ([id = '']) => one(id)],
      ...spec.subRoutes.writes,
    ];

    it.each(writes)('%s refuses a viewer with 403 and changes nothing', async (_route, call, request) => {
      // Prepare
      const ids = await spec.seed();
      const before = await spec.state(ids);

      // Act
      const result = await call({ headers: roles.viewer, ...request(ids) });

      // Assess
      expectProblem(result, 403);
      expect(await spec.state(ids)).toEqual(before);
    });

    const byId: (readonly [string, Endpoint, (id: string) => Request])[] = [
      [`GET ${path}`, api.get, (id) => one(id)],
      [`PATCH ${path}`, api.update, (id) => ({ ...one(id), body: spec.update.patch })],
      [`DELETE ${path}`, api.delete, (id) => one(id)],
      ...spec.subRoutes.byId,
    ];

    it.each(byId)(`%s answers 400 for an id that is not a ${resource} id`, async (_route, call, request) => {
      const problem = expectProblem(await call({ headers: roles.admin, ...request(spec.malformedId) }), 400);
      expect(problem.detail).toMatch(new RegExp(`${resource} id`));
    });

    it.each(byId)(`%s answers 404 for a well-formed id no ${resource} has`, async (_route, call, request) => {
      const problem = expectProblem(await call({ headers: roles.admin, ...request(spec.unknownId) }), 404);
      expect(problem.detail).toContain(spec.unknownId);
    });

    it.each(routes)('%s refuses a query parameter it does not take', async (_route, call, request) => {
      const problem = expectProblem(await call({ headers: roles.admin, ...request, query: { debug: 'true' } }), 400);
      expect(problem.detail).toMatch(/query string/);
    });
  });

  describe(`POST ${collection}`, () => {
    it(`creates a ${resource} with 201, its Location, its version as ETag and the defaults filled in`, async () => {
      const result = await api.create({ headers: roles.editor, body: spec.create.body });
      expect(result.statusCode).toBe(201);
      const created = jsonBody(result) as T;
      expect(created).toMatchObject({ ...spec.create.body, ...spec.create.defaults, version: 1 });
      expect(created.id.startsWith(spec.idPrefix)).toBe(true);
      expect(result.headers.location).toBe(`${collection}/${created.id}`);
      expect(result.headers.etag).toBe('"1"');
      expect(await stored(created.id)).toEqual(created);
    });

    it.each(["x'}) MATCH (n) DETACH DELETE n //", "'}) WITH 1 AS x MATCH (c:Claim) SET c.verified = true //"])(
      `stores a ${spec.create.textField} that looks like a Cypher injection literally: %s`,
      async (text) => {
        // Prepare
        const other = await aResource({ [spec.create.textField]: 'Bystander' });

        // Act
        const created = await aResource({ [spec.create.textField]: text });

        // Assess
        expect(jsonBody(await api.get({ headers: roles.viewer, ...one(created.id) }))).toMatchObject({
          ...spec.create.defaults,
          [spec.create.textField]: text,
        });
        expect(await stored(other.id)).toEqual(other);
      },
    );

    it(`records who created which ${resource} in the audit trail`, async () => {
      const created = await aResource();
      expect(await auditEntries(spec.usernames.editor, `${resource}.create`)).toEqual([
        expect.objectContaining({
          action: `${resource}.create`,
          resourceType: resource,
          resourceId: created.id,
          status: 201,
        }),
      ]);
    });

    it.each(spec.create.invalid)(
      'refuses %s with 400, names the field and stores nothing',
      async (_case, body, field) => {
        const problem = expectProblem(await api.create({ headers: roles.editor, body }), 400);
        expect(problem.errors?.[0]?.field).toBe(field);
        await storedNone();
      },
    );

    it.each(['{"name": "Yggdr', "{'text': 'single quotes'}"])(
      'refuses a body that is not JSON (%s) with 400',
      async (body) => {
        const problem = expectProblem(await api.create({ headers: roles.editor, body }), 400);
        expect(problem.type).toBe('/problems/malformed-body');
      },
    );

    it('refuses a JSON value that is not an object with 400', async () => {
      expectProblem(await api.create({ headers: roles.editor, body: '["Yggdrasil"]' }), 400);
      await storedNone();
    });

    it.each([
      ['application/x-www-form-urlencoded', 'name=Yggdrasil'],
      ['application/xml', '<claim/>'],
    ])('refuses a body of another media type (%s) with 415', async (contentType, body) => {
      expectProblem(await api.create({ headers: roles.editor, body, contentType }), 415);
    });

    it('refuses a body without a content type with 415', async () => {
      const body = JSON.stringify(spec.create.body);
      expectProblem(await api.create({ headers: roles.editor, body, contentType: null }), 415);
    });

    it('refuses a body over 64 KiB with 413 and stores nothing', async () => {
      const body = JSON.stringify({ ...spec.create.body, [spec.create.textField]: 'd'.repeat(BIG) });
      expectProblem(await api.create({ headers: roles.editor, body }), 413);
      await storedNone();
    });
  });

  describe(`GET ${path}`, () => {
    it(`answers the ${resource} with its version as a strong ETag`, async () => {
      const created = await aResource(spec.create.optional);
      const result = await api.get({ headers: roles.viewer, ...one(created.id) });
      expect(result.statusCode).toBe(200);
      expect(jsonBody(result)).toEqual(created);
      expect(result.headers.etag).toBe('"1"');
    });

    it('serves a repeated read from the cache', async () => {
      // Prepare
      const created = await aResource();
      await api.get({ headers: roles.viewer, ...one(created.id) });
      await spec.store().update(created.id, { ...spec.update.patch, updatedAt: created.updatedAt } as never);

      // Act
      const result = await api.get({ headers: roles.viewer, ...one(created.id) });

      // Assess
      expect(jsonBody(result)).toEqual(created);
      expect(await sharedCache().get(spec.cacheKey(created.id))).toBe(JSON.stringify(created));
    });

    it(`caches nothing for an unknown ${resource}`, async () => {
      await api.get({ headers: roles.viewer, ...one(spec.unknownId) });
      expect(await sharedCache().get(spec.cacheKey(spec.unknownId))).toBeUndefined();
      expect(localCache().get(spec.cacheKey(spec.unknownId))).toBeUndefined();
    });
  });

  describe(`PATCH ${path}`, () => {
    const update = (id: string, ifMatch?: string, body: Record<string, unknown> = spec.update.patch) =>
      api.update({
        headers: { ...roles.editor, ...(ifMatch !== undefined && { 'if-match': ifMatch }) },
        ...one(id),
        body,
      });

    it('changes only the given fields, removes a null one, and bumps the version and ETag', async () => {
      // Prepare
      const created = await aResource(spec.create.optional);
      expect(created).toHaveProperty(spec.update.nullable);
      const changing = new Set([spec.update.nullable, 'version', 'updatedAt']);
      const kept = Object.fromEntries(Object.entries(created).filter(([field]) => !changing.has(field)));

      // Act
      const result = await update(created.id, undefined, { ...spec.update.patch, [spec.update.nullable]: null });

      // Assess
      expect(result.statusCode).toBe(200);
      const updated = jsonBody(result) as T;
      expect(updated).toMatchObject({ ...kept, ...spec.update.patch, version: 2 });
      expect(updated).not.toHaveProperty(spec.update.nullable);
      expect(result.headers.etag).toBe('"2"');
    });

    it.each(['"1"', '*'])('applies the change when If-Match is %s, the current version or any', async (ifMatch) => {
      const created = await aResource();
      const result = await update(created.id, ifMatch);
      expect(result.statusCode).toBe(200);
      expect(result.headers.etag).toBe('"2"');
      expect(await stored(created.id)).toMatchObject({ ...spec.update.patch, version: 2 });
    });

    it('answers 412 when If-Match names an older version, and changes nothing', async () => {
      // Prepare
      const created = await aResource();
      await update(created.id);

      // Act
      const result = await update(created.id, '"1"', spec.update.otherPatch);

      // Assess
      const problem = expectProblem(result, 412);
      expect(problem.type).toBe('/problems/precondition-failed');
      expect(problem.detail).toMatch(/version 2, not 1/);
      expect(await stored(created.id)).toMatchObject({ ...spec.update.patch, version: 2 });
    });

    it.each([
      ['a weak If-Match, which never matches', 'W/"1"'],
      ['an If-Match that names no version', '"v1"'],
    ])('answers 412 for %s, and changes nothing', async (_case, ifMatch) => {
      const created = await aResource();
      expectProblem(await update(created.id, ifMatch), 412);
      expect(await stored(created.id)).toEqual(created);
    });

    it.each([
      ['an If-Match that is not an entity tag', '1'],
      ['an If-Match naming two versions', '"1", "2"'],
    ])('answers 400 for %s, and changes nothing', async (_case, ifMatch) => {
      const created = await aResource();
      expect(expectProblem(await update(created.id, ifMatch), 400).errors?.[0]?.field).toBe('If-Match');
      expect(await stored(created.id)).toEqual(created);
    });

    it(`answers 404, not 412, for an unknown ${resource} under If-Match`, async () => {
      expectProblem(await update(spec.unknownId, '"1"'), 404);
    });

    it('shows the change on the next read, past the cache', async () => {
      // Prepare
      const created = await aResource();
      await api.get({ headers: roles.viewer, ...one(created.id) });

      // Act
      await update(created.id);

      // Assess
      const result = await api.get({ headers: roles.viewer, ...one(created.id) });
      expect(jsonBody(result)).toMatchObject({ ...spec.update.patch, version: 2 });
      expect(result.headers.etag).toBe('"2"');
    });

    it('records the update and the fields it changed in the audit trail', async () => {
      const created = await aResource();
      await update(created.id, undefined, spec.update.audited.patch);
      expect(await auditEntries(spec.usernames.editor, `${resource}.update`)).toEqual([
        expect.objectContaining({
          action: `${resource}.update`,
          resourceType: resource,
          resourceId: created.id,
          details: { fields: spec.update.audited.fields },
          outcome: 'success',
        }),
      ]);
    });

    it('records a refused update as a failure', async () => {
      const created = await aResource();
      await update(created.id, '"7"');
      expect(await auditEntries(spec.usernames.editor, `${resource}.update`)).toEqual([
        expect.objectContaining({ action: `${resource}.update`, status: 412, outcome: 'failure' }),
      ]);
    });

    it.each(spec.update.invalid)('refuses %s with 400 and changes nothing', async (_case, body, field) => {
      const created = await aResource();
      const problem = expectProblem(await update(created.id, undefined, body), 400);
      expect(problem.errors?.[0]?.field).toBe(field);
      expect(await stored(created.id)).toEqual(created);
    });

    it.each(['name: Askr', 'verified=true'])('refuses a body that is not JSON (%s) with 400', async (body) => {
      const created = await aResource();
      expectProblem(await api.update({ headers: roles.editor, ...one(created.id), body }), 400);
    });

    it.each(['text/plain', 'text/json'])('refuses a body of another media type (%s) with 415', async (contentType) => {
      const created = await aResource();
      const body = JSON.stringify(spec.update.patch);
      expectProblem(await api.update({ headers: roles.editor, ...one(created.id), body, contentType }), 415);
    });

    it('refuses a body over 64 KiB with 413', async () => {
      const created = await aResource();
      const body = JSON.stringify({ [spec.create.textField]: 't'.repeat(BIG) });
      expectProblem(await api.update({ headers: roles.editor, ...one(created.id), body }), 413);
    });
  });

  describe(`DELETE ${path}`, () => {
    it(`deletes a ${resource} nothing links to with 204, and it is gone`, async () => {
      const created = await aResource();
      const result = await api.delete({ headers: roles.admin, ...one(created.id) });
      expect(result.statusCode).toBe(204);
      expect(result.body ?? '').toBe('');
      expect(await stored(created.id)).toBeUndefined();
    });

    it(`refuses an editor, whose role may not delete ${resource}s, with 403`, async () => {
      const created = await aResource();
      expectProblem(await api.delete({ headers: roles.editor, ...one(created.id) }), 403);
      expect(await stored(created.id)).toEqual(created);
    });

    it(`answers 404 on the next read, though the ${resource} was cached`, async () => {
      const created = await aResource();
      await api.get({ headers: roles.viewer, ...one(created.id) });
      await api.delete({ headers: roles.admin, ...one(created.id) });
      expectProblem(await api.get({ headers: roles.viewer, ...one(created.id) }), 404);
    });

    it('records the deletion in the audit trail', async () => {
      const created = await aResource();
      await api.delete({ headers: roles.admin, ...one(created.id) });
      expect(await auditEntries(spec.usernames.admin, `${resource}.delete`)).toEqual([
        expect.objectContaining({
          action: `${resource}.delete`,
          resourceType: resource,
          resourceId: created.id,
          status: 204,
        }),
      ]);
    });
  });

  describe(`GET ${collection}`, () => {
    const list = async (query: Record<string, string>) =>
      jsonBody(await api.list({ headers: roles.viewer, query })) as Page<T>;

    it(`pages through ${resource}s in their order, each once`, async () => {
      // Prepare
      const created: T[] = [];
      for (const seed of spec.list.seeds) created.push(await aResource(seed));

      // Act
      const first = await list({ limit: '2' });
      const second = await list({ limit: '2', cursor: first.nextCursor ?? '' });

      // Assess
      expect(first.items).toHaveLength(2);
      expect([...first.items, ...second.items].map((item) => item.id)).toEqual(spec.list.order(created));
      expect(second.nextCursor).toBeUndefined();
    });

    it('answers an empty page when nothing matches', async () => {
      const result = await api.list({ headers: roles.viewer });
      expect(result.statusCode).toBe(200);
      expect(jsonBody(result)).toEqual({ items: [] });
    });

    it.each(spec.list.invalid)('refuses %s with 400', async (_case, query, field) => {
      const problem = expectProblem(await api.list({ headers: roles.viewer, query }), 400);
      expect(problem.errors?.[0]?.field).toBe(field);
    });

    it('refuses a cursor issued for other filters with 400', async () => {
      for (const seed of spec.list.seeds.slice(0, 2)) await aResource(seed);
      const page = await list({ limit: '1' });
      const result = await api.list({
        headers: roles.viewer,
        query: { limit: '1', ...spec.list.otherFilters, cursor: page.nextCursor ?? '' },
      });
      expect(expectProblem(result, 400).errors?.[0]?.field).toBe('cursor');
    });
  });
}
