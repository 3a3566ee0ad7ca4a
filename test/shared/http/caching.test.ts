import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import middy from '@middy/core';
import { describe, expect, it } from 'vitest';
import { httpFunctions, type HttpFunction } from '#functions/manifest';
import { NotFoundError } from '#shared/errors';
import { cachingMiddleware } from '#shared/http/middleware/caching';
import { compressionMiddlewares } from '#shared/http/middleware/compression';
import { errorHandlerMiddleware } from '#shared/http/middleware/error-handler';
import { json } from '#shared/http/responses';
import type { HttpEvent, HttpResult } from '#shared/http/types';
import { httpEvent, lambdaContext } from '../../support/events.ts';

const concept = { id: 'c-1', name: 'Yggdrasil' };
const conceptBody = JSON.stringify(concept);
const conceptEtag = `"${createHash('sha256').update(conceptBody).digest('base64url')}"`;
const getConcept = httpFunctions.getConcept;

/** The caching middleware with the error handler inside it, as in the one HTTP stack. */
async function invoke(
  fn: HttpFunction,
  request: { method?: string; headers?: Record<string, string> },
  handler: (event: HttpEvent) => Promise<HttpResult> = () => Promise.resolve(json(200, concept)),
): Promise<HttpResult> {
  const stack = middy<HttpEvent, HttpResult>()
    .use(cachingMiddleware(fn))
    .use(errorHandlerMiddleware())
    .handler(handler);
  const event = httpEvent({ method: request.method ?? 'GET', path: '/concepts/c-1', headers: request.headers });
  return stack(event, lambdaContext(fn));
}

describe('cachingMiddleware', () => {
  it('tags a GET 200 with the strong ETag of its body', async () => {
    // Act
    const response = await invoke(getConcept, {});

    // Assess
    expect(response.headers.etag).toBe(conceptEtag);
  });

  it('keeps the ETag the handler set', async () => {
    // Act
    const response = await invoke(getConcept, {}, () => Promise.resolve(json(200, concept, { ETag: 'W/"v7"' })));

    // Assess
    expect(response.headers.etag).toBe('W/"v7"');
  });

  it('answers 304 without a body, keeping the ETag, when If-None-Match matches', async () => {
    // Act
    const response = await invoke(getConcept, { headers: { 'if-none-match': conceptEtag } });

    // Assess
    expect(response).toEqual({
      statusCode: 304,
      headers: expect.objectContaining({ etag: conceptEtag }) as unknown,
    });
    expect(response.headers['content-type']).toBeUndefined();
  });

  it('answers 304 when If-None-Match holds the tag as a weak one', async () => {
    // Act
    const response = await invoke(getConcept, { headers: { 'if-none-match': `W/${conceptEtag}` } });

    // Assess
    expect(response.statusCode).toBe(304);
  });

  it('answers 304 when the tag is one of a list in If-None-Match', async () => {
    // Act
    const response = await invoke(getConcept, { headers: { 'if-none-match': `"a,b", W/"other",${conceptEtag}` } });

    // Assess
    expect(response.statusCode).toBe(304);
  });

  it('answers 304 to If-None-Match: *', async () => {
    // Act
    const response = await invoke(getConcept, { headers: { 'if-none-match': '*' } });

    // Assess
    expect(response.statusCode).toBe(304);
  });

  it('compares If-None-Match with the handler’s own ETag', async () => {
    // Act
    const response = await invoke(getConcept, { headers: { 'If-None-Match': 'W/"v7"' } }, () =>
      Promise.resolve(json(200, concept, { etag: '"v7"' })),
    );

    // Assess
    expect(response.statusCode).toBe(304);
  });

  it('sends the whole body when If-None-Match does not match', async () => {
    // Act
    const response = await invoke(getConcept, { headers: { 'if-none-match': '"stale", W/"older"' } });

    // Assess
    expect([response.statusCode, response.body]).toEqual([200, conceptBody]);
  });

  it('never answers 304 to a write', async () => {
    // Act
    const response = await invoke(httpFunctions.createConcept, { method: 'POST', headers: { 'if-none-match': '*' } });

    // Assess
    expect([response.statusCode, response.headers.etag]).toEqual([200, undefined]);
  });

  it('lets only the caller’s own cache keep a GET of a route that needs credentials, and only after asking again', async () => {
    // Act
    const response = await invoke(getConcept, { headers: { authorization: 'Bearer token' } });

    // Assess
    expect(response.headers['cache-control']).toBe('private, max-age=0, must-revalidate');
  });

  it('says a private GET varies with the caller’s credentials, keeping what the handler varies on', async () => {
    // Act
    const response = await invoke(getConcept, {}, () =>
      Promise.resolve(json(200, concept, { Vary: 'Accept-Language' })),
    );

    // Assess
    expect(response.headers.vary).toBe('Accept-Language, Authorization, X-API-Key');
  });

  it('keeps a Cache-Control the handler set on a private route', async () => {
    // Act
    const response = await invoke(getConcept, {}, () =>
      Promise.resolve(json(200, concept, { 'cache-control': 'private, max-age=60' })),
    );

    // Assess
    expect(response.headers['cache-control']).toBe('private, max-age=60');
  });

  it('never marks a response of a route that needs credentials public, whatever its handler said', async () => {
    // Prepare
    const privateRoutes = Object.values(httpFunctions).filter((fn: HttpFunction) => fn.permission !== 'public');

    // Act
    const responses = await Promise.all(
      privateRoutes.map((fn) =>
        invoke(fn, {}, () => Promise.resolve(json(200, concept, { 'Cache-Control': 'public, max-age=300' }))),
      ),
    );

    // Assess
    expect(responses.filter((response) => /public/i.test(response.headers['cache-control'] ?? ''))).toEqual([]);
  });

  it('lets any cache keep a public GET only if it asks again before each use', async () => {
    // Act
    const response = await invoke(httpFunctions.health, {});

    // Assess
    expect([response.headers['cache-control'], response.headers.vary]).toEqual(['no-cache', undefined]);
  });

  it('forbids storing the answer to a POST, such as a token or a new API key', async () => {
    // Act
    const response = await invoke(httpFunctions.issueToken, { method: 'POST' }, () =>
      Promise.resolve(json(200, { access_token: 'secret' })),
    );

    // Assess
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('forbids storing an error, and gives it no ETag', async () => {
    // Act
    const response = await invoke(getConcept, {}, () => Promise.reject(new NotFoundError("No concept 'c-1'")));

    // Assess
    expect([response.statusCode, response.headers['cache-control'], response.headers.etag]).toEqual([
      404,
      'no-store',
      undefined,
    ]);
  });

  it('forbids storing an error response the handler returned itself', async () => {
    // Act
    const response = await invoke(getConcept, {}, () => Promise.resolve(json(409, { detail: 'conflict' })));

    // Assess
    expect(response.headers['cache-control']).toBe('no-store');
  });
});

describe('cachingMiddleware inside compression, as in the HTTP stack', () => {
  const largeConcept = { ...concept, description: 'roots and branches '.repeat(200) };
  const largeBody = JSON.stringify(largeConcept);

  async function invokeCompressed(headers: Record<string, string>): Promise<HttpResult> {
    const stack = middy<HttpEvent, HttpResult>()
      .use(compressionMiddlewares())
      .use(cachingMiddleware(getConcept))
      .use(errorHandlerMiddleware())
      .handler(() => Promise.resolve(json(200, largeConcept)));
    return stack(httpEvent({ method: 'GET', path: '/concepts/c-1', headers }), lambdaContext(getConcept));
  }

  it('tags a compressed response with the ETag of its uncompressed body', async () => {
    // Act
    const response = await invokeCompressed({ 'accept-encoding': 'gzip' });

    // Assess
    expect(gunzipSync(Buffer.from(String(response.body), 'base64')).toString()).toBe(largeBody);
    expect(response.headers.etag).toBe(`"${createHash('sha256').update(largeBody).digest('base64url')}"`);
  });

  it('answers 304 with nothing to compress', async () => {
    // Prepare
    const { headers } = await invokeCompressed({ 'accept-encoding': 'gzip' });

    // Act
    const response = await invokeCompressed({ 'accept-encoding': 'gzip', 'if-none-match': headers.etag ?? '' });

    // Assess
    expect([response.statusCode, response.body, response.headers['Content-Encoding']]).toEqual([
      304,
      undefined,
      undefined,
    ]);
  });
});
