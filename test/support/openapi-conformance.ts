import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { AnySchemaObject, ValidateFunction } from 'ajv/dist/2020.js';
import { expect } from 'vitest';
import { httpFunctions } from '#functions/manifest';
import { openApiDocument } from '#shared/http/openapi/document';
import type { OpenApiDocument, OperationObject, ResponseObject } from '#shared/http/openapi/types';
import { matchPath } from '#shared/http/routes';
import type { HttpResult } from '#shared/http/types';

/** Where the document's named schemas are registered with ajv, so `$ref`s to them resolve; never fetched. */
const SCHEMAS_ID = 'https://yggdrasil.invalid/openapi/schemas.json';

let ajv: Ajv2020 | undefined;

/**
 * Asserts that `result` is a response the OpenAPI document promises for `method path`: a documented status,
 * a documented media type, and a body valid against the response's schema in the document (so the
 * document, not only the zod schema it came from, is what is checked). `path` may be the template
 * (`/tasks/{taskId}`) or a concrete path (`/tasks/6f1c…`). Returns the parsed body.
 *
 * @example
 * const body = expectConformsToOpenApi('GET', '/tasks/{taskId}', await handler(event, lambdaContext()));
 */
export function expectConformsToOpenApi(method: string, path: string, result: HttpResult): unknown {
  const document = openApiDocument(httpFunctions);
  const { template, operation } = findOperation(document, method, path);
  const status = String(result.statusCode ?? 200);
  const documented = operation.responses[status];
  expect(
    documented,
    `${method} ${template} answered ${status}, which its OpenAPI operation does not list`,
  ).toBeDefined();
  const { response, pointer } = resolveResponse(
    document,
    documented,
    `/paths/${escape(template)}/${method.toLowerCase()}/responses/${status}`,
  );

  const body = decodedBody(result);
  for (const [name, header] of Object.entries(response.headers ?? {})) {
    if (header.required === true) {
      expect(headerValue(result, name), `${method} ${template} ${status} lacks the '${name}' header`).toBeDefined();
    }
  }
  if (!response.content) {
    expect(body, `${method} ${template} ${status} is documented without a body`).toBe('');
    return undefined;
  }
  const mediaType = headerValue(result, 'content-type')?.split(';')[0]?.trim().toLowerCase() ?? '';
  expect(
    Object.keys(response.content),
    `${method} ${template} ${status} answered '${mediaType}', which is not documented`,
  ).toContain(mediaType);

  const parsed: unknown = JSON.parse(body);
  const validate = openApiSchemaValidator(`${pointer}/content/${escape(mediaType)}/schema`);
  if (!validate(parsed)) {
    const problems = (validate.errors ?? []).map((error) => `${error.instancePath || '(root)'} ${error.message ?? ''}`);
    expect.fail(
      `${method} ${template} ${status}: the body does not match the OpenAPI document:\n  ${problems.join('\n  ')}\n${body.slice(0, 2000)}`,
    );
  }
  return parsed;
}

/** The operation for `method path`, by template or by a concrete path that one template matches. */
export function findOperation(
  document: OpenApiDocument,
  method: string,
  path: string,
): { template: string; operation: OperationObject } {
  const key = method.toLowerCase() as keyof OpenApiDocument['paths'][string];
  const templates = Object.keys(document.paths);
  const template = templates.includes(path)
    ? path
    : templates.find((candidate) => matchPath(candidate, path) && document.paths[candidate]?.[key]);
  const operation = template === undefined ? undefined : document.paths[template]?.[key];
  if (template === undefined || !operation) {
    throw new Error(`The OpenAPI document has no operation ${method} ${path}`);
  }
  return { template, operation };
}

function resolveResponse(
  document: OpenApiDocument,
  response: ResponseObject | { $ref: string } | undefined,
  pointer: string,
): { response: ResponseObject; pointer: string } {
  if (response === undefined) throw new Error(`No response at ${pointer}`);
  if (!('$ref' in response)) return { response, pointer };
  const name = /^#\/components\/responses\/([^/]+)$/.exec(response.$ref)?.[1];
  const target = name === undefined ? undefined : document.components.responses[name];
  if (name === undefined || !target) throw new Error(`Unresolvable response reference ${response.$ref}`);
  return { response: target, pointer: `/components/responses/${escape(name)}` };
}

/**
 * A validator of the schema at `pointer` in the OpenAPI document, as a JSON Schema 2020-12 tool reads it.
 * The document's named schemas are handed to ajv as `$defs` of one schema resource (ajv refuses a root
 * with OpenAPI's keywords in strict mode); only the location of each `$ref` changes, not what it says.
 *
 * @example
 * const validate = openApiSchemaValidator('/components/schemas/Concept');
 */
export function openApiSchemaValidator(pointer: string): ValidateFunction {
  const cached = validators.get(pointer);
  if (cached) return cached;
  const document = openApiDocument(httpFunctions);
  const schema = atPointer(document, pointer);
  if (schema === null || typeof schema !== 'object') throw new Error(`No schema at ${pointer} in the OpenAPI document`);
  const validate = ajvFor(document).compile(relocated(schema) as AnySchemaObject);
  validators.set(pointer, validate);
  return validate;
}

const validators = new Map<string, ValidateFunction>();

function ajvFor(document: OpenApiDocument): Ajv2020 {
  if (ajv) return ajv;
  ajv = new Ajv2020({
    allErrors: true,
    // zod writes a `pattern` beside each `format` it emits, and ajv checks the pattern.
    formats: { uuid: true, 'date-time': true, email: true },
  });
  ajv.addSchema({ $id: SCHEMAS_ID, $defs: relocated(document.components.schemas) });
  return ajv;
}

/** `value` with each `#/components/schemas/X` reference pointing at the same schema under `$defs`. */
function relocated(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(relocated);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, child]) => {
      if (key !== '$ref') return [key, relocated(child)];
      const name = typeof child === 'string' ? /^#\/components\/schemas\/([^/]+)$/.exec(child)?.[1] : undefined;
      if (name === undefined) throw new Error(`A schema reference outside components.schemas: ${String(child)}`);
      return [key, `${SCHEMAS_ID}#/$defs/${name}`];
    }),
  );
}

function atPointer(document: unknown, pointer: string): unknown {
  return pointer
    .slice(1)
    .split('/')
    .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce<unknown>(
      (node, part) => (node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined),
      document,
    );
}

function decodedBody(result: HttpResult): string {
  if (result.body === undefined || result.body === '') return '';
  const bytes = result.isBase64Encoded ? Buffer.from(result.body, 'base64') : Buffer.from(result.body, 'utf8');
  const encoding = headerValue(result, 'content-encoding');
  if (encoding === 'gzip') return gunzipSync(bytes).toString('utf8');
  if (encoding === 'br') return brotliDecompressSync(bytes).toString('utf8');
  return bytes.toString('utf8');
}

function headerValue(result: HttpResult, name: string): string | undefined {
  const key = Object.keys(result.headers).find((candidate) => candidate.toLowerCase() === name);
  return key === undefined ? undefined : result.headers[key];
}

/** RFC 6901: a path segment inside a JSON pointer. */
function escape(segment: string): string {
  return segment.replaceAll('~', '~0').replaceAll('/', '~1');
}
