import type { Versioned } from '#shared/domain/versioned';
import type { HttpFunction } from '#shared/function-definitions';
import { readJsonBody } from './body.ts';
import { idempotentHttpFunction } from './idempotent-http-function.ts';
import { versionTag } from './preconditions.ts';
import { refuseQuery } from './query.ts';
import { audit } from './request-state.ts';
import { json } from './responses.ts';
import { validate } from './validation.ts';
import type { VersionedRoutes } from './versioned-handlers.ts';

/**
 * POST <collection>: 201 with the new resource, where it lives and its ETag. Creates honour `Idempotency-Key`,
 * so this lives apart from the other versioned handlers, whose bundles need not carry that library.
 */
export function createHandler<T extends Versioned, Create>(
  fn: HttpFunction,
  routes: VersionedRoutes<Create, unknown, unknown>,
  create: (input: Create) => Promise<T>,
) {
  return idempotentHttpFunction(fn, async (event, context) => {
    refuseQuery(event);
    const input = validate(routes.createSchema, readJsonBody(event, routes.maxBodyBytes), 'request body');
    const resource = await create(input);
    audit(context, { action: `${routes.resource}.create`, resourceType: routes.resource, resourceId: resource.id });
    return json(201, resource, { location: `${routes.collection}/${resource.id}`, etag: versionTag(resource.version) });
  });
}
