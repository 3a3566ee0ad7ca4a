import type * as z from 'zod/mini';
import type { HttpFunction, HttpMethod } from '#shared/function-definitions';
import { VERSION } from '#shared/services/health';
import { refinementKeywords, requestComponents, responseComponents } from './components.ts';
import { errorResponseComponents } from './error-responses.ts';
import { namedJsonSchemas, schemaRef, type JsonSchema } from './json-schema.ts';
import type { OperationSpec } from './operation.ts';
import { operationObject } from './operation-object.ts';
import { operations } from './registry.ts';
import type { OpenApiDocument, OperationObject, PathItem } from './types.ts';

const OPENAPI_VERSION = '3.1.0';

const memoized = new WeakMap<object, OpenApiDocument>();

/**
 * The API's OpenAPI document for `functions` (the manifest's `httpFunctions`), built once per container
 * from them and the registry; read-only.
 */
export function openApiDocument(functions: Readonly<Record<string, HttpFunction>>): OpenApiDocument {
  let document = memoized.get(functions);
  if (document === undefined) {
    document = deepFrozen(buildOpenApiDocument(functions));
    memoized.set(functions, document);
  }
  return document;
}

/**
 * The OpenAPI 3.1 document of `functions`, each route described by its entry in `specs`. Throws when a
 * route has no entry, or its path parameters and its entry's disagree: a route is never left out silently.
 */
export function buildOpenApiDocument(
  functions: Readonly<Record<string, HttpFunction>>,
  specs: Readonly<Record<string, OperationSpec>> = operations,
): OpenApiDocument {
  const names = componentNames();
  const paths: Record<string, Record<string, OperationObject>> = {};
  for (const [key, fn] of Object.entries(functions)) {
    if (fn.route === '$default') continue;
    const spec = specs[key];
    if (!spec) throw new Error(`The OpenAPI registry has no entry for '${key}' (${fn.route.method} ${fn.route.path})`);
    (paths[fn.route.path] ??= {})[method(fn.route.method)] = operationObject(key, fn, fn.route.path, spec, names);
  }
  return {
    openapi: OPENAPI_VERSION,
    info: {
      title: 'Yggdrasil API',
      version: VERSION,
      description:
        'Documents, concepts and claims in a knowledge graph. Every error is an RFC 9457 problem document ' +
        '(the token endpoint answers OAuth 2.0 errors).',
    },
    tags: [...new Set(Object.values(specs).map((spec) => spec.tag))].map((name) => ({ name })),
    paths,
    components: {
      schemas: {
        ...withRefinements(namedJsonSchemas(requestComponents, 'input', schemaRef)),
        ...namedJsonSchemas(responseComponents, 'output', schemaRef),
      },
      responses: errorResponseComponents(),
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'An access token from `POST /token`',
        },
        apiKeyAuth: {
          type: 'apiKey',
          in: 'header',
          name: 'X-API-Key',
          description: 'An API key from `POST /api-keys`',
        },
      },
    },
  };
}

function withRefinements(schemas: Record<string, JsonSchema>): Record<string, JsonSchema> {
  return Object.fromEntries(
    Object.entries(schemas).map(([name, schema]) => [name, { ...schema, ...refinementKeywords[name] }]),
  );
}

function componentNames(): ReadonlyMap<z.ZodMiniType, string> {
  return new Map(
    [...Object.entries(requestComponents), ...Object.entries(responseComponents)].map(([name, schema]) => [
      schema,
      name,
    ]),
  );
}

function method(value: HttpMethod): keyof PathItem {
  return value.toLowerCase() as keyof PathItem;
}

/** One document serves every request of the container: nothing may change it on the way. */
function deepFrozen<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFrozen(child);
    Object.freeze(value);
  }
  return value;
}
