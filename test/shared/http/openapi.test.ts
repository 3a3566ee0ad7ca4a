import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import type * as z from 'zod/mini';
import { httpFunctions, type HttpFunction } from '#functions/manifest';
import { createConceptSchema, updateConceptSchema } from '#shared/domain/concepts';
import { documentSubmissionSchema } from '#shared/domain/documents';
import { createUserSchema } from '#shared/domain/users';
import { buildOpenApiDocument, openApiDocument } from '#shared/http/openapi/document';
import { operations } from '#shared/http/openapi/registry';
import type { OpenApiDocument, OperationObject, ResponseObject } from '#shared/http/openapi/types';
import { taskIdSchema } from '#shared/services/task-status';
import { expectConformsToOpenApi, openApiSchemaValidator } from '../../support/openapi-conformance.ts';

type Routed = HttpFunction & { route: { method: string; path: string } };
const routed = Object.entries(httpFunctions as Record<string, HttpFunction>).filter(
  (entry): entry is [string, Routed] => entry[1].route !== '$default',
);

const operationOf = (document: OpenApiDocument, fn: Routed): OperationObject | undefined =>
  document.paths[fn.route.path]?.[fn.route.method.toLowerCase() as 'get'];

/** Every `$ref` in `value`, with where it was found. */
function references(value: unknown, at = ''): { ref: string; at: string }[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => references(item, `${at}/${index}`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) =>
    key === '$ref' && typeof child === 'string' ? [{ ref: child, at }] : references(child, `${at}/${key}`),
  );
}

function resolvePointer(document: unknown, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  return ref
    .slice(2)
    .split('/')
    .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce<unknown>(
      (node, part) => (node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined),
      document,
    );
}

describe('the OpenAPI document', () => {
  it('has an operation for every route of the manifest, under its method and path', () => {
    const document = openApiDocument(httpFunctions);
    const missing = routed.filter(([, fn]) => !operationOf(document, fn)).map(([key]) => key);
    expect(missing).toEqual([]);
  });

  it('names each operation after its manifest entry', () => {
    const document = openApiDocument(httpFunctions);
    for (const [key, fn] of routed) expect(operationOf(document, fn)?.operationId).toBe(key);
  });

  it('declares the manifest permission of each route and the credentials it takes', () => {
    const document = openApiDocument(httpFunctions);
    for (const [, fn] of routed) {
      const operation = operationOf(document, fn);
      expect(operation?.['x-permission']).toBe(fn.permission);
      expect(operation?.security).toEqual(fn.permission === 'public' ? [] : [{ bearerAuth: [] }, { apiKeyAuth: [] }]);
    }
  });

  it('documents 401 and 429 on every route that needs credentials, and 403 where a role can lack the permission', () => {
    const document = openApiDocument(httpFunctions);
    for (const [, fn] of routed.filter(([, candidate]) => candidate.permission !== 'public')) {
      const statuses = Object.keys(operationOf(document, fn)?.responses ?? {});
      expect(statuses).toEqual(expect.arrayContaining(['401', '429']));
      if (fn.permission !== 'authenticated') expect(statuses).toContain('403');
    }
  });

  it('is a valid OpenAPI 3.1 document', async () => {
    const validator = new Validator();
    const result = await validator.validate(
      structuredClone(openApiDocument(httpFunctions)) as unknown as Record<string, unknown>,
    );
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('has the required top-level fields and the API version', () => {
    const document = openApiDocument(httpFunctions);
    expect(document.openapi).toMatch(/^3\.1\.\d+$/);
    expect(document.info).toMatchObject({ title: expect.any(String) as unknown, version: '2.0.0' });
    expect(document.components.securitySchemes).toEqual({
      bearerAuth: expect.objectContaining({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }) as unknown,
      apiKeyAuth: expect.objectContaining({ type: 'apiKey', in: 'header', name: 'X-API-Key' }) as unknown,
    });
  });

  it('has only schemas a strict JSON Schema 2020-12 validator compiles', () => {
    for (const name of Object.keys(openApiDocument(httpFunctions).components.schemas)) {
      expect(() => openApiSchemaValidator(`/components/schemas/${name}`), name).not.toThrow();
    }
  });

  it('resolves every $ref inside the document', () => {
    const document = openApiDocument(httpFunctions);
    const dangling = references(document).filter(({ ref }) => resolvePointer(document, ref) === undefined);
    expect(dangling).toEqual([]);
  });

  it('answers every error with the one Problem schema, except the OAuth errors of /token', () => {
    const document = openApiDocument(httpFunctions);
    for (const [key, fn] of routed) {
      const ownAnswers = Object.keys(operations[key as keyof typeof operations].responses);
      for (const [status, response] of Object.entries(operationOf(document, fn)?.responses ?? {})) {
        if (Number(status) < 400 || ownAnswers.includes(status)) continue;
        const resolved = ('$ref' in response ? resolvePointer(document, response.$ref) : response) as ResponseObject;
        const schemas = Object.values(resolved.content ?? {}).map((media) => media.schema.$ref);
        // The stack's own 500 and the gateway's 431 stay problem documents; what the token handler answers is OAuth's.
        const oauth = key === 'issueToken' && status !== '500' && status !== '431';
        expect(schemas, `${key} ${status}`).toEqual([
          oauth ? '#/components/schemas/OAuthError' : '#/components/schemas/Problem',
        ]);
      }
    }
  });

  it('describes path parameters with the schema the handler validates them with', () => {
    const parameter = openApiDocument(httpFunctions).paths['/tasks/{taskId}']?.get?.parameters?.[0];
    const ajv = new Ajv2020({ formats: { uuid: true } });
    const validate = ajv.compile(parameter?.schema ?? {});
    for (const sample of ['6f1c1f5e-8d0a-4a7e-9a51-0f3c2b1d9e11', '../../etc/passwd', 'not-a-uuid']) {
      expect(validate(sample), sample).toBe(taskIdSchema.safeParse(sample).success);
    }
  });

  it.each<[string, z.ZodMiniType, unknown[]]>([
    [
      'DocumentSubmission',
      documentSubmissionSchema,
      [
        { documents: [{ title: 'Elements', text: 'Euclid wrote it.' }] },
        { documents: [] },
        { documents: [{ title: 'Elements' }] },
        { documents: [{ title: 'Elements', text: 'x' }], priority: 1 },
        [1, 2],
      ],
    ],
    [
      'CreateUserRequest',
      createUserSchema,
      [
        { username: 'ada', password: 'correct horse battery', role: 'editor' },
        { username: 'ada', password: 'short', role: 'editor' },
        { username: 'ada', password: 'correct horse battery', role: 'root' },
      ],
    ],
    ['CreateConceptRequest', createConceptSchema, [{ name: 'Logos' }, { name: '' }, {}, { name: 'Logos', type: 'x' }]],
    ['UpdateConceptRequest', updateConceptSchema, [{ name: 'Logos' }, { level: null }, {}, { id: 'con_x' }]],
  ])('has a %s schema that accepts and refuses the samples its handler does', (name, schema, samples) => {
    const validate = openApiSchemaValidator(`/components/schemas/${name}`);
    for (const sample of samples) {
      expect(validate(sample), JSON.stringify(sample)).toBe(schema.safeParse(sample).success);
    }
  });

  it('refuses to leave out a route the registry does not describe', () => {
    const others = Object.fromEntries(Object.entries(operations).filter(([key]) => key !== 'getTask'));
    expect(() => buildOpenApiDocument(httpFunctions, others)).toThrow(/getTask/);
  });

  it('refuses a registry entry whose path parameters differ from the route', () => {
    const specs = { ...operations, getTask: { ...operations.getTask, params: {} } };
    expect(() => buildOpenApiDocument(httpFunctions, specs)).toThrow(/taskId/);
  });

  it('is built once per container', () => {
    expect(openApiDocument(httpFunctions)).toBe(openApiDocument(httpFunctions));
  });

  it('cannot be changed by a caller, since every request shares it', () => {
    const document = openApiDocument(httpFunctions);
    expect(() => {
      (document.info as { title: string }).title = 'changed';
    }).toThrow(TypeError);
  });
});

describe('expectConformsToOpenApi', () => {
  const user = {
    username: 'ada',
    role: 'editor',
    disabled: false,
    createdAt: '2030-01-01T00:00:00.000Z',
    updatedAt: '2030-01-01T00:00:00.000Z',
  };
  const answer = (statusCode: number, body: unknown, headers: Record<string, string> = {}) => ({
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(body),
  });

  it('accepts an answer the document promises, found by a concrete path', () => {
    expect(expectConformsToOpenApi('PATCH', '/users/ada', answer(200, user))).toEqual(user);
  });

  it('refuses a body with a field the document does not list', () => {
    const leaky = answer(200, { ...user, passwordHash: '$2b$04$x' });
    expect(() => expectConformsToOpenApi('PATCH', '/users/{username}', leaky)).toThrow(/passwordHash|additional/);
  });

  it('refuses a status the operation does not list', () => {
    expect(() => expectConformsToOpenApi('PATCH', '/users/ada', answer(418, user))).toThrow(/418/);
  });

  it('refuses an answer without a header the document requires', () => {
    expect(() => expectConformsToOpenApi('POST', '/users', answer(201, user))).toThrow(/location/);
  });

  it('refuses a problem document in place of an OAuth error on /token', () => {
    const problem = {
      type: '/problems/validation-error',
      title: 'x',
      status: 400,
      detail: 'x',
      instance: '/token',
      requestId: 'r',
    };
    expect(() => expectConformsToOpenApi('POST', '/token', answer(400, problem))).toThrow(/does not match/);
  });
});
