import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { httpFunctions } from '#functions/manifest';
import { httpFunction } from '#shared/http/http-function';
import { json } from '#shared/http/responses';
import { httpEvent, lambdaContext } from '../../support/events.ts';
import { useEmbeddedDefaults } from '../../support/embedded.ts';

useEmbeddedDefaults();

const large = { text: 'Yggdrasil '.repeat(300) };
const small = { ok: true };

// A public entry, so these tests see the stack's dressing without authentication in the way.
const respond = (body: unknown) => httpFunction(httpFunctions.health, () => Promise.resolve(json(200, body)));
const call = (body: unknown, headers: Record<string, string> = {}) =>
  respond(body)(httpEvent({ method: 'GET', path: '/health', headers }), lambdaContext(httpFunctions.health));

describe('the HTTP stack', () => {
  it('gzips a body over 1 KB when the client accepts gzip', async () => {
    const result = await call(large, { 'accept-encoding': 'gzip' });

    expect(result.headers['Content-Encoding']).toBe('gzip');
    expect(result.isBase64Encoded).toBe(true);
    expect(JSON.parse(gunzipSync(Buffer.from(String(result.body), 'base64')).toString())).toEqual(large);
  });

  it('prefers br when the client accepts both', async () => {
    const result = await call(large, { 'accept-encoding': 'gzip, br' });

    expect(result.headers['Content-Encoding']).toBe('br');
    expect(JSON.parse(brotliDecompressSync(Buffer.from(String(result.body), 'base64')).toString())).toEqual(large);
  });

  it('sends a body under 1 KB as it is', async () => {
    const result = await call(small, { 'accept-encoding': 'gzip, br' });

    expect(result.headers['Content-Encoding']).toBeUndefined();
    expect(JSON.parse(String(result.body))).toEqual(small);
  });

  it('sends any body as it is to a client that accepts no encoding', async () => {
    const result = await call(large);

    expect(result.headers['Content-Encoding']).toBeUndefined();
  });

  it('adds X-Process-Time and X-Server to every response', async () => {
    const result = await call(small);

    expect(result.headers['x-server']).toBe('Yggdrasil/2.0.0');
    expect(result.headers['x-process-time']).toMatch(/^\d+\.\d{6}$/);
  });

  it('answers an unexpected failure with a 500 problem document that holds no internals', async () => {
    const failing = httpFunction(httpFunctions.health, () => Promise.reject(new Error('neo4j password is hunter2')));

    const result = await failing(httpEvent({ method: 'GET', path: '/health' }), lambdaContext(httpFunctions.health));

    expect(result.statusCode).toBe(500);
    expect(result.headers['content-type']).toBe('application/problem+json');
    expect(String(result.body)).not.toContain('hunter2');
    expect(String(result.body)).not.toMatch(/at .+:\d+:\d+/);
  });
});
