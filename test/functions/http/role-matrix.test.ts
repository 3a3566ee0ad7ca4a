import { describe, expect, it } from 'vitest';
import { httpFunctions, type HttpFunction } from '#functions/manifest';
import { graphStore } from '#shared/container/graph';
import { embedders } from '#shared/container/embedders';
import { vectorStore } from '#shared/container/vectors';
import { toKnowledgeDocument } from '#shared/domain/documents';
import { can, ROLES } from '#shared/domain/roles';
import { indexDocumentVectors } from '#shared/services/document-vectors';
import type { HttpHandler } from '#shared/http/http-function';
import type { RoutedFunctionKey } from '#functions/manifest';
import type { HttpResult } from '#shared/http/types';
import { authHeaders } from '../../support/auth.ts';
import { useEmbeddedDefaults } from '../../support/embedded.ts';
import { httpEvent, lambdaContext } from '../../support/events.ts';
import { expectProblem } from '../../support/http.ts';
import { expectConformsToOpenApi } from '../../support/openapi-conformance.ts';

useEmbeddedDefaults();

type Routed = HttpFunction & { route: { method: string; path: string } };

/** Every route that needs credentials: the matrix is about who may call what. */
const guarded = Object.entries(httpFunctions as Record<string, HttpFunction>).filter(
  (entry): entry is [string, Routed] => entry[1].route !== '$default' && entry[1].permission !== 'public',
);

/** Path parameters of the right shape that name nothing any store holds. */
const UNKNOWN_PARAMETERS: Readonly<Record<string, string>> = {
  taskId: '0b7e7a38-4f6e-4a51-9d6e-1c1e7f5b0c22',
  username: 'nobody-here',
  keyId: 'AAAAAAAAAAAAAAAA',
  conceptId: 'con_AAAAAAAAAAAAAAAAAAAAAA',
  targetId: 'con_BBBBBBBBBBBBBBBBBBBBBB',
  claimId: 'clm_AAAAAAAAAAAAAAAAAAAAAA',
  relationType: 'is_a',
  documentId: 'doc_00000000000000000000000000000000',
  domain: 'science',
};

/** The smallest valid body of each route that takes one; routes without one here get no body. */
const MINIMAL_BODIES: Readonly<Record<string, unknown>> = {
  submitDocuments: { documents: [{ title: 'Matrix', text: 'A sample document.' }] },
  redriveDeadLetters: { task: 'process-documents' },
  createUser: { username: 'matrix-user', password: 'a long enough password', role: 'viewer' },
  updateUser: { disabled: true },
  createApiKey: { name: 'matrix' },
  createConcept: { name: 'Matrix' },
  updateConcept: { name: 'Matrix' },
  relateConcepts: { to: UNKNOWN_PARAMETERS.targetId, type: 'is_a' },
  createClaim: { text: 'A sample claim.' },
  updateClaim: { text: 'A changed claim.' },
  addEvidence: { text: 'A sample.', source: 'https://example.org', confidence: 0.5 },
  analyzeText: { text: 'A sample text.' },
};

/**
 * The handler of `fn`, from its manifest entry. A route whose handler cannot be loaded fails its tests:
 * the manifest promises it.
 */
async function handlerOf(fn: HttpFunction): Promise<HttpHandler> {
  expect(fn.entry).toBe(`functions/http/${fn.name}.ts`);
  let module: { handler?: unknown };
  try {
    module = (await import(`../../../functions/http/${fn.name}.ts`)) as { handler?: unknown };
  } catch (error) {
    throw new Error(`The handler of '${fn.name}' (${fn.entry}) cannot be loaded: ${String(error)}`, { cause: error });
  }
  if (typeof module.handler !== 'function') throw new Error(`${fn.entry} exports no handler`);
  return module.handler as HttpHandler;
}

/** Calls `key`'s handler as API Gateway would: a well-formed request for unknown resources. */
async function callSample(key: string, fn: Routed, headers: Record<string, string>): Promise<HttpResult> {
  const handler = await handlerOf(fn);
  const { method, path } = fn.route;
  const parameterNames = [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '');
  const pathParameters = Object.fromEntries(
    parameterNames.map((name) => {
      const value = UNKNOWN_PARAMETERS[name];
      if (value === undefined) throw new Error(`No sample value for the path parameter '${name}' of ${path}`);
      return [name, value];
    }),
  );
  const body = MINIMAL_BODIES[key];
  const event = httpEvent({
    method,
    path: path.replaceAll(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(pathParameters[name] ?? '')),
    routeKey: `${method} ${path}`,
    headers: { ...headers, ...(body !== undefined && { 'content-type': 'application/json' }) },
    ...(parameterNames.length > 0 && { pathParameters }),
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  return handler(event, lambdaContext(fn));
}

const cells = guarded.flatMap(([key, fn]) =>
  ROLES.map((role) => ({ key, fn, role, allowed: can(role, fn.permission) })),
);

describe('the role matrix', () => {
  it('covers at least one route that every role may call and one that only an admin may', () => {
    expect(cells.some((cell) => cell.role === 'viewer' && cell.allowed)).toBe(true);
    expect(cells.some((cell) => cell.role === 'editor' && !cell.allowed)).toBe(true);
  });

  describe.each(guarded)('%s', (key, fn) => {
    it(`refuses a caller without credentials with 401 (${fn.route.method} ${fn.route.path})`, async () => {
      const result = await callSample(key, fn, {});

      expectProblem(result, 401);
      expect(result.headers['www-authenticate']).toMatch(/^Bearer/);
      expectConformsToOpenApi(fn.route.method, fn.route.path, result);
    });

    it.each(ROLES.filter((role) => !can(role, fn.permission)))(
      `refuses the %s role with 403: it lacks ${fn.permission}`,
      async (role) => {
        const result = await callSample(key, fn, await authHeaders(role));

        const problem = expectProblem(result, 403);
        expect(problem.detail).toContain(fn.permission);
        expectConformsToOpenApi(fn.route.method, fn.route.path, result);
      },
    );

    it.each(ROLES.filter((role) => can(role, fn.permission)))(
      `lets the %s role through (${fn.permission}), answering as the OpenAPI document says`,
      async (role) => {
        const result = await callSample(key, fn, await authHeaders(role));

        expect(result.statusCode).not.toBe(401);
        expect(result.statusCode).not.toBe(403);
        expect(result.statusCode, String(result.body)).toBeLessThan(500);
        expectConformsToOpenApi(fn.route.method, fn.route.path, result);
      },
    );
  });
});

interface SampleRequest {
  readonly pathParameters?: Record<string, string>;
  readonly body?: unknown;
  /** Sent as `application/x-www-form-urlencoded` instead of a JSON body. */
  readonly form?: Record<string, string>;
  readonly query?: Record<string, string>;
  readonly headers?: Record<string, string>;
}

/** Calls routes as one admin; every answer, preparatory ones included, is checked against the document. */
interface Api {
  call(key: RoutedFunctionKey, request?: SampleRequest): Promise<HttpResult>;
  /** Calls, expects `status`, and returns the body. */
  expect(status: number, key: RoutedFunctionKey, request?: SampleRequest): Promise<Record<string, unknown>>;
}

async function adminApi(): Promise<Api> {
  const admin = await authHeaders('admin');
  const call: Api['call'] = async (key, request = {}) => {
    const fn = httpFunctions[key] as Routed;
    const { method, path } = fn.route;
    const parameters = request.pathParameters ?? {};
    const body = request.form ? new URLSearchParams(request.form).toString() : JSON.stringify(request.body);
    const contentType = request.form ? 'application/x-www-form-urlencoded' : 'application/json';
    const hasBody = request.form !== undefined || request.body !== undefined;
    const event = httpEvent({
      method,
      path: path.replaceAll(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(parameters[name] ?? '')),
      routeKey: `${method} ${path}`,
      headers: { ...admin, ...(hasBody && { 'content-type': contentType }), ...request.headers },
      ...(request.pathParameters && { pathParameters: request.pathParameters }),
      ...(request.query && { queryStringParameters: request.query }),
      ...(hasBody && { body }),
    });
    const result = await (await handlerOf(fn))(event, lambdaContext(fn));
    expectConformsToOpenApi(method, path, result);
    return result;
  };
  return {
    call,
    async expect(status, key, request) {
      const result = await call(key, request);
      expect(result.statusCode, `${key}: ${String(result.body)}`).toBe(status);
      return (result.body ? JSON.parse(result.body) : {}) as Record<string, unknown>;
    },
  };
}

const concept = (api: Api, name: string) => api.expect(201, 'createConcept', { body: { name, level: 'modern' } });
const claim = (api: Api) =>
  api.expect(201, 'createClaim', { body: { text: 'Water boils at 100 °C at sea level.', confidence: 0.9 } });
const id = (body: Record<string, unknown>) => String(body.id);

/**
 * One successful call of each route, with whatever it needs made first. The record names every route,
 * so a route added to the manifest without a sample here does not compile.
 */
const successfulCalls: Readonly<Record<RoutedFunctionKey, (api: Api) => Promise<number>>> = {
  health: async (api) => (await api.call('health')).statusCode ?? 0,
  openapi: async (api) => (await api.call('openapi')).statusCode ?? 0,
  issueToken: async (api) => {
    await api.expect(201, 'createUser', {
      body: { username: 'ada', password: 'correct horse battery', role: 'editor' },
    });
    const form = { grant_type: 'password', username: 'ada', password: 'correct horse battery' };
    return (await api.call('issueToken', { form })).statusCode ?? 0;
  },
  submitDocuments: async (api) =>
    (await api.call('submitDocuments', { body: { documents: [{ title: 'Elements', text: 'Euclid wrote it.' }] } }))
      .statusCode ?? 0,
  getTask: async (api) => {
    const { taskId } = await api.expect(202, 'submitDocuments', {
      body: { documents: [{ title: 'Elements', text: 'Euclid wrote it.', domain: 'mathematics' }] },
    });
    return (await api.call('getTask', { pathParameters: { taskId: String(taskId) } })).statusCode ?? 0;
  },
  listTasks: async (api) => {
    await api.expect(202, 'submitDocuments', {
      body: { documents: [{ title: 'Elements', text: 'Euclid wrote it.' }] },
    });
    return (await api.call('listTasks')).statusCode ?? 0;
  },
  cancelTask: async (api) => {
    const { taskId } = await api.expect(202, 'submitDocuments', {
      body: { documents: [{ title: 'Elements', text: 'Euclid wrote it.' }] },
    });
    return (await api.call('cancelTask', { pathParameters: { taskId: String(taskId) } })).statusCode ?? 0;
  },
  listDeadLetters: async (api) => (await api.call('listDeadLetters')).statusCode ?? 0,
  redriveDeadLetters: async (api) =>
    (await api.call('redriveDeadLetters', { body: { task: 'process-documents' } })).statusCode ?? 0,
  listDocuments: async (api) => (await api.call('listDocuments')).statusCode ?? 0,
  getDocument: async (api) => {
    const document = toKnowledgeDocument({
      title: 'Elements',
      text: 'Euclid wrote the Elements.',
      domain: 'mathematics',
    });
    await (await graphStore()).saveDocument(document);
    return (await api.call('getDocument', { pathParameters: { documentId: document.id } })).statusCode ?? 0;
  },
  getDomain: async (api) => {
    await concept(api, 'Logos');
    return (await api.call('getDomain', { pathParameters: { domain: 'general' } })).statusCode ?? 0;
  },
  analyzeText: async (api) =>
    (
      await api.call('analyzeText', {
        body: { text: 'Euclid wrote the Elements in Alexandria.', summary: { words: 4 } },
      })
    ).statusCode ?? 0,
  createUser: async (api) =>
    (await api.call('createUser', { body: { username: 'grace', password: 'correct horse battery', role: 'viewer' } }))
      .statusCode ?? 0,
  listUsers: async (api) => (await api.call('listUsers')).statusCode ?? 0,
  updateUser: async (api) => {
    await api.expect(201, 'createUser', {
      body: { username: 'grace', password: 'correct horse battery', role: 'viewer' },
    });
    const request = { pathParameters: { username: 'grace' }, body: { role: 'editor', disabled: true } };
    return (await api.call('updateUser', request)).statusCode ?? 0;
  },
  createApiKey: async (api) => (await api.call('createApiKey', { body: { name: 'ci' } })).statusCode ?? 0,
  listApiKeys: async (api) => {
    const { keyId } = await api.expect(201, 'createApiKey', { body: { name: 'ci' } });
    await api.expect(204, 'revokeApiKey', { pathParameters: { keyId: String(keyId) } });
    await api.expect(201, 'createApiKey', { body: { name: 'deploy' } });
    return (await api.call('listApiKeys')).statusCode ?? 0;
  },
  revokeApiKey: async (api) => {
    const { keyId } = await api.expect(201, 'createApiKey', { body: { name: 'ci' } });
    return (await api.call('revokeApiKey', { pathParameters: { keyId: String(keyId) } })).statusCode ?? 0;
  },
  listAudit: async (api) => {
    await concept(api, 'Logos');
    return (await api.call('listAudit')).statusCode ?? 0;
  },
  createConcept: async (api) => {
    await concept(api, 'Logos');
    return 201;
  },
  listConcepts: async (api) => {
    await concept(api, 'Logos');
    await concept(api, 'Nous');
    return (await api.call('listConcepts')).statusCode ?? 0;
  },
  getConcept: async (api) => {
    const conceptId = id(await concept(api, 'Logos'));
    return (await api.call('getConcept', { pathParameters: { conceptId } })).statusCode ?? 0;
  },
  updateConcept: async (api) => {
    const conceptId = id(await concept(api, 'Logos'));
    const request = { pathParameters: { conceptId }, body: { description: 'Reason', level: null } };
    return (await api.call('updateConcept', { ...request, headers: { 'if-match': '"1"' } })).statusCode ?? 0;
  },
  deleteConcept: async (api) => {
    const conceptId = id(await concept(api, 'Logos'));
    return (await api.call('deleteConcept', { pathParameters: { conceptId } })).statusCode ?? 0;
  },
  relateConcepts: async (api) => {
    const [from, to] = [id(await concept(api, 'Logos')), id(await concept(api, 'Nous'))];
    const request = { pathParameters: { conceptId: from }, body: { to, type: 'influences', strength: 0.4 } };
    return (await api.call('relateConcepts', request)).statusCode ?? 0;
  },
  listConceptRelations: async (api) => {
    const [from, to] = [id(await concept(api, 'Logos')), id(await concept(api, 'Nous'))];
    await api.expect(201, 'relateConcepts', { pathParameters: { conceptId: from }, body: { to, type: 'influences' } });
    return (await api.call('listConceptRelations', { pathParameters: { conceptId: to } })).statusCode ?? 0;
  },
  unrelateConcepts: async (api) => {
    const [from, to] = [id(await concept(api, 'Logos')), id(await concept(api, 'Nous'))];
    await api.expect(201, 'relateConcepts', { pathParameters: { conceptId: from }, body: { to, type: 'is_a' } });
    const pathParameters = { conceptId: from, relationType: 'is_a', targetId: to };
    return (await api.call('unrelateConcepts', { pathParameters })).statusCode ?? 0;
  },
  createClaim: async (api) => {
    await claim(api);
    return 201;
  },
  listClaims: async (api) => {
    await claim(api);
    await api.expect(201, 'createClaim', {
      body: { text: 'The Earth is round.', verified: true, source: 'Eratosthenes' },
    });
    return (await api.call('listClaims')).statusCode ?? 0;
  },
  getClaim: async (api) => {
    const claimId = id(await claim(api));
    return (await api.call('getClaim', { pathParameters: { claimId } })).statusCode ?? 0;
  },
  updateClaim: async (api) => {
    const claimId = id(await claim(api));
    const request = { pathParameters: { claimId }, body: { verified: true, confidence: null } };
    return (await api.call('updateClaim', request)).statusCode ?? 0;
  },
  deleteClaim: async (api) => {
    const claimId = id(await claim(api));
    return (await api.call('deleteClaim', { pathParameters: { claimId } })).statusCode ?? 0;
  },
  addEvidence: async (api) => {
    const claimId = id(await claim(api));
    const body = { text: 'Measured in 1742.', source: 'Celsius', confidence: 0.8 };
    return (await api.call('addEvidence', { pathParameters: { claimId }, body })).statusCode ?? 0;
  },
  listEvidence: async (api) => {
    const claimId = id(await claim(api));
    const body = { text: 'Measured in 1742.', source: 'Celsius', confidence: 0.8 };
    await api.expect(201, 'addEvidence', { pathParameters: { claimId }, body });
    return (await api.call('listEvidence', { pathParameters: { claimId } })).statusCode ?? 0;
  },
  searchDocuments: async (api) =>
    (await api.call('searchDocuments', { query: { q: 'geometry', threshold: '0' } })).statusCode ?? 0,
  similarDocuments: async (api) => {
    const documentId = await processedDocument();
    return (await api.call('similarDocuments', { pathParameters: { documentId } })).statusCode ?? 0;
  },
  deleteDocument: async (api) => {
    const documentId = await processedDocument();
    return (await api.call('deleteDocument', { pathParameters: { documentId } })).statusCode ?? 0;
  },
  visualizeVectors: async (api) =>
    (await api.call('visualizeVectors', { pathParameters: { domain: 'mathematics' } })).statusCode ?? 0,
};

/** Stores and indexes a document as process-documents does (the embedded queue has no driver in tests). */
async function processedDocument(): Promise<string> {
  const document = toKnowledgeDocument({
    title: 'Elements',
    text: 'Euclid wrote the Elements.',
    domain: 'mathematics',
  });
  await (await graphStore()).saveDocument(document);
  await indexDocumentVectors(document, { embedders: embedders(), vectors: vectorStore() });
  return document.id;
}

const routedKeys = Object.entries(httpFunctions as Record<string, HttpFunction>)
  .filter(([, fn]) => fn.route !== '$default')
  .map(([key]) => key as RoutedFunctionKey);

describe('every route, called as an admin', () => {
  it.each(routedKeys)('%s answers a successful sample request as the OpenAPI document says', async (key) => {
    const api = await adminApi();

    const status = await successfulCalls[key](api);

    expect(status).toBeGreaterThanOrEqual(200);
    expect(status).toBeLessThan(300);
  });
});
