import { describe, expect, it } from 'vitest';
import { handler } from '#functions/http/openapi';
import { httpFunctions } from '#functions/manifest';
import { renderOpenApiDocument } from '../../../scripts/build-openapi.ts';
import { httpEvent, lambdaContext } from '../../support/events.ts';
import { useEmbeddedDefaults } from '../../support/embedded.ts';
import { expectConformsToOpenApi } from '../../support/openapi-conformance.ts';

useEmbeddedDefaults();

const get = (headers: Record<string, string> = {}) =>
  handler(httpEvent({ method: 'GET', path: '/openapi.json', headers }), lambdaContext(httpFunctions.openapi));

describe('GET /openapi.json', () => {
  it('serves the OpenAPI 3.1 document to a caller without credentials', async () => {
    const result = await get();

    expect(result.statusCode).toBe(200);
    expect(result.headers['content-type']).toMatch(/^application\/json/);
    const document = expectConformsToOpenApi('GET', '/openapi.json', result) as { openapi: string; paths: object };
    expect(document.openapi).toMatch(/^3\.1\./);
    expect(Object.keys(document.paths)).toContain('/openapi.json');
  });

  it('serves the document the schemas render now (else run npm run build:openapi)', async () => {
    const result = await get();

    expect(result.body).toBe(renderOpenApiDocument());
  });

  it('lets any cache keep the document for five minutes', async () => {
    const result = await get();

    expect(result.headers['cache-control']).toBe('public, max-age=300');
  });

  it('ignores credentials, valid or not: the document is the same for everyone', async () => {
    const anonymous = await get();
    const withBadToken = await get({ authorization: 'Bearer not-a-token' });

    expect(withBadToken.statusCode).toBe(200);
    expect(withBadToken.body).toBe(anonymous.body);
  });
});
