import type * as z from 'zod/mini';
import type { Versioned } from '#shared/domain/versioned';
import type { HttpFunction } from '#shared/function-definitions';
import type { ResourceChange } from '#shared/services/versioned-resources';
import { readJsonBody } from './body.ts';
import { httpFunction } from './http-function.ts';
import { conditionalUpdate, ifMatchVersion, versionTag } from './preconditions.ts';
import { readQuery, refuseQuery } from './query.ts';
import { audit } from './request-state.ts';
import { json, noContent } from './responses.ts';
import type { HttpEvent } from './types.ts';
import { validate } from './validation.ts';

/** How a versioned resource is addressed over HTTP (see `shared/domain/versioned.ts`). */
export interface VersionedRoutes<Create, Patch, Query> {
  /** `concept`: the audit trail's resource type and the prefix of its actions (`concept.create`). */
  readonly resource: string;
  /** `/concepts`: where the resources live; one lives at `<collection>/<id>`. */
  readonly collection: string;
  /** `conceptId`: the path parameter naming one. */
  readonly idParameter: string;
  readonly idSchema: z.ZodMiniType<string>;
  readonly createSchema: z.ZodMiniType<Create>;
  readonly updateSchema: z.ZodMiniType<Patch>;
  readonly listQuerySchema: z.ZodMiniType<Query>;
  /** The most a create or update body may take. */
  readonly maxBodyBytes: number;
}

/** GET <collection>/{id}: the resource, with its version as ETag. */
export function getHandler<T extends Versioned>(
  fn: HttpFunction,
  routes: VersionedRoutes<unknown, unknown, unknown>,
  get: (id: string) => Promise<T>,
) {
  return httpFunction(fn, async (event) => {
    const id = pathId(event, routes);
    refuseQuery(event);
    const resource = await get(id);
    return json(200, resource, { etag: versionTag(resource.version) });
  });
}

/** PATCH <collection>/{id}: changes the given fields; `If-Match: "<version>"` makes it conditional (412). */
export function updateHandler<T extends Versioned, Patch extends object>(
  fn: HttpFunction,
  routes: VersionedRoutes<unknown, Patch, unknown>,
  update: (change: ResourceChange<Patch>) => Promise<T>,
) {
  return httpFunction(fn, async (event, context) => {
    const id = pathId(event, routes);
    refuseQuery(event);
    const patch = validate(routes.updateSchema, readJsonBody(event, routes.maxBodyBytes), 'request body');
    // The body is checked first: a malformed request is a 400 whatever its precondition says.
    const expectedVersion = ifMatchVersion(event);
    audit(context, {
      action: `${routes.resource}.update`,
      resourceType: routes.resource,
      resourceId: id,
      details: { fields: Object.keys(patch) },
    });
    const resource = await conditionalUpdate(expectedVersion, () => update({ id, patch, expectedVersion }));
    return json(200, resource, { etag: versionTag(resource.version) });
  });
}

/** DELETE <collection>/{id}: 204; a resource something still links to is kept (409 says by what). */
export function deleteHandler(
  fn: HttpFunction,
  routes: VersionedRoutes<unknown, unknown, unknown>,
  remove: (id: string) => Promise<void>,
) {
  return httpFunction(fn, async (event, context) => {
    const id = pathId(event, routes);
    refuseQuery(event);
    audit(context, { action: `${routes.resource}.delete`, resourceType: routes.resource, resourceId: id });
    await remove(id);
    return noContent();
  });
}

/** GET <collection>: one page; `nextCursor` fetches the next with the same filters. */
export function listHandler<Query, Page>(
  fn: HttpFunction,
  routes: VersionedRoutes<unknown, unknown, Query>,
  list: (query: Query) => Promise<Page>,
) {
  return httpFunction(fn, async (event) => json(200, await list(readQuery(event, routes.listQuerySchema))));
}

/** The id a route's path names, checked; for the resource's own sub-routes too. */
export function pathId(event: HttpEvent, routes: VersionedRoutes<unknown, unknown, unknown>): string {
  return validate(routes.idSchema, event.pathParameters?.[routes.idParameter], `${routes.resource} id`);
}
