import type * as z from 'zod/mini';
import type { HttpFunction } from '#shared/function-definitions';
import { can, ROLES } from '#shared/domain/roles';
import { errorResponseComponent, errorResponseRef } from './error-responses.ts';
import { jsonSchema, schemaRef, type JsonSchema } from './json-schema.ts';
import type { ErrorStatus, OperationSpec, RequestBodySpec, RequestHeaderSpec, ResponseSpec } from './operation.ts';
import { idempotencyKeySchema } from '../idempotency-key.ts';
import type { OperationObject, ParameterObject, ResponseObject } from './types.ts';

/**
 * One route's operation: its manifest entry says who may call it, its registry entry what it takes and
 * answers. `names` gives each body schema its name under `components.schemas`.
 */
export function operationObject(
  key: string,
  fn: HttpFunction,
  path: string,
  spec: OperationSpec,
  names: ReadonlyMap<z.ZodMiniType, string>,
): OperationObject {
  const isPublic = fn.permission === 'public';
  const parameters = [
    ...pathParameters(key, path, spec),
    ...queryParameters(spec),
    ...headerParameters(fn, spec),
    ...(fn.idempotent ? [IDEMPOTENCY_KEY_PARAMETER] : []),
  ];
  return {
    operationId: key,
    summary: spec.summary,
    description: permissionDescription(fn),
    tags: [spec.tag],
    security: isPublic ? [] : [{ bearerAuth: [] }, { apiKeyAuth: [] }],
    'x-permission': fn.permission,
    ...(parameters.length > 0 && { parameters }),
    ...(spec.body && { requestBody: requestBody(key, spec.body, names) }),
    responses: {
      ...Object.fromEntries(
        Object.entries(spec.responses).map(([status, response]) => [
          status,
          withReplayHeader(fn, successResponse(key, response, names)),
        ]),
      ),
      ...(isGet(fn) && { 304: NOT_MODIFIED }),
      ...errorResponses(fn, spec),
    },
  };
}

function permissionDescription(fn: HttpFunction): string {
  if (fn.permission === 'public') return 'Public: no credentials needed.';
  if (fn.permission === 'authenticated') return 'Any authenticated caller, acting on their own resources.';
  const roles = ROLES.filter((role) => can(role, fn.permission));
  return `Needs the \`${fn.permission}\` permission (roles: ${roles.join(', ')}).`;
}

function pathParameters(key: string, path: string, spec: OperationSpec): ParameterObject[] {
  const inPath = [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '');
  const declared = Object.keys(spec.params ?? {});
  if (inPath.join() !== declared.join()) {
    throw new Error(
      `'${key}': path ${path} has parameters [${inPath.join()}], its registry entry [${declared.join()}]`,
    );
  }
  return Object.entries(spec.params ?? {}).map(([name, schema]) => ({
    name,
    in: 'path',
    required: true,
    schema: jsonSchema(schema, 'input'),
  }));
}

function queryParameters(spec: OperationSpec): ParameterObject[] {
  if (!spec.query) return [];
  const object = jsonSchema(spec.query, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(object.properties ?? {}).map(([name, schema]) => ({
    name,
    in: 'query',
    required: object.required?.includes(name) ?? false,
    schema,
    ...(typeof schema.description === 'string' && { description: schema.description }),
  }));
}

const IF_NONE_MATCH: RequestHeaderSpec = {
  description: 'An ETag of an earlier answer: when it still matches, the answer is a 304 without a body',
};

function headerParameters(fn: HttpFunction, spec: OperationSpec): ParameterObject[] {
  const headers: Record<string, RequestHeaderSpec> = {
    ...spec.requestHeaders,
    ...(isGet(fn) && { 'if-none-match': IF_NONE_MATCH }),
  };
  return Object.entries(headers).map(([name, { description, pattern }]) => ({
    name,
    in: 'header',
    required: false,
    description,
    schema: { type: 'string', ...(pattern !== undefined && { pattern }) },
  }));
}

const IDEMPOTENCY_KEY_PARAMETER: ParameterObject = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description:
    'Makes the create safe to retry: the first response is kept (per caller, for IDEMPOTENCY_TTL_SECONDS) and replayed to a retry with the same key and body; another body or route → 422; a retry while the first runs → 409',
  schema: jsonSchema(idempotencyKeySchema, 'input'),
};

/** An idempotent route's successes may be replays, which say so. */
function withReplayHeader(fn: HttpFunction, response: ResponseObject): ResponseObject {
  if (!fn.idempotent) return response;
  return {
    ...response,
    headers: {
      ...response.headers,
      'idempotent-replayed': {
        description: '`true` when this is the stored response of an earlier request with the same Idempotency-Key',
        required: false,
        schema: { type: 'string', enum: ['true'] },
      },
    },
  };
}

function isGet(fn: HttpFunction): boolean {
  return fn.route !== '$default' && fn.route.method === 'GET';
}

/** Every GET answers `If-None-Match` (the caching middleware): a matching ETag is a 304 without a body. */
const NOT_MODIFIED: ResponseObject = {
  description: 'Not modified: the `If-None-Match` ETag is still current',
  headers: { etag: { description: 'The current ETag', required: true, schema: { type: 'string' } } },
};

function requestBody(key: string, body: RequestBodySpec, names: ReadonlyMap<z.ZodMiniType, string>) {
  return {
    required: true as const,
    content: { [body.mediaType]: { schema: { $ref: schemaRef(named(key, body.schema, names)) } } },
  };
}

function successResponse(
  key: string,
  response: ResponseSpec,
  names: ReadonlyMap<z.ZodMiniType, string>,
): ResponseObject {
  return {
    description: response.description,
    ...(response.headers && {
      headers: Object.fromEntries(
        Object.entries(response.headers).map(([name, description]) => [
          name,
          { description, required: true, schema: { type: 'string' } },
        ]),
      ),
    }),
    ...(response.schema && {
      content: { 'application/json': { schema: { $ref: schemaRef(named(key, response.schema, names)) } } },
    }),
  };
}

/** The errors the route answers: its own, and those the one middleware stack answers for it. */
function errorResponses(fn: HttpFunction, spec: OperationSpec): Record<string, ResponseObject | { $ref: string }> {
  const statuses = new Set<ErrorStatus>([...(spec.errors ?? []), ...(spec.oauthErrors ?? [])]);
  if (spec.params || spec.query || spec.body) statuses.add(400);
  if (spec.body?.mediaType === 'application/json') {
    statuses.add(413);
    statuses.add(415);
  }
  if (fn.idempotent) {
    statuses.add(409);
    statuses.add(422);
  }
  if (fn.permission !== 'public') {
    statuses.add(401);
    statuses.add(429);
    if (fn.permission !== 'authenticated') statuses.add(403);
  }
  // The gateway's: a request head (request line and headers) over its limit.
  statuses.add(431);
  statuses.add(500);
  return Object.fromEntries(
    [...statuses].sort((a, b) => a - b).map((status) => [String(status), errorResponse(status, spec)]),
  );
}

function errorResponse(status: ErrorStatus, spec: OperationSpec): ResponseObject | { $ref: string } {
  if (!spec.oauthErrors?.includes(status)) return errorResponseRef(status);
  const { headers } = errorResponseComponent(status);
  return {
    description: 'An OAuth 2.0 error (RFC 6749 section 5.2): `error` names it',
    ...(headers && { headers }),
    content: { 'application/json': { schema: { $ref: schemaRef('OAuthError') } } },
  };
}

function named(key: string, schema: z.ZodMiniType, names: ReadonlyMap<z.ZodMiniType, string>): string {
  const name = names.get(schema);
  if (name === undefined) throw new Error(`'${key}': a body schema has no name in the OpenAPI components`);
  return name;
}
