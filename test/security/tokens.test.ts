import { randomUUID } from 'node:crypto';
import { generateKeyPair, exportJWK } from 'jose';
import { describe, expect, it } from 'vitest';
import { handler } from '#functions/http/get-task';
import { httpFunctions } from '#functions/manifest';
import { issueApiKey } from '#shared/auth/api-keys';
import { MAX_TOKEN_LENGTH } from '#shared/auth/tokens';
import { apiKeyStore, userStore } from '#shared/container/identity';
import type { HttpResult } from '#shared/http/types';
import { b64, es256Signer, forgeToken, hs256Signer, noSignature } from '../shared/auth/forged-tokens.ts';
import { authHeaders } from '../support/auth.ts';
import { useEmbeddedDefaults } from '../support/embedded.ts';
import { httpEvent, lambdaContext } from '../support/events.ts';
import { accessClaims, realKeyRing, tokenHeader } from '../support/real-key-ring.ts';
import type { RealKeyRing } from '../support/real-key-ring.ts';
import { expectUnauthorized } from '../support/unauthorized.ts';

useEmbeddedDefaults();

const INVALID_TOKEN_CHALLENGE = /^Bearer realm="yggdrasil", error="invalid_token"/;

/** GET /tasks/{taskId} of an unknown task: 404 once the caller is let in, 401 before. */
async function getTask(headers: Record<string, string>): Promise<HttpResult> {
  const taskId = randomUUID();
  const event = httpEvent({
    method: 'GET',
    path: `/tasks/${taskId}`,
    routeKey: 'GET /tasks/{taskId}',
    pathParameters: { taskId },
    headers,
  });
  return handler(event, lambdaContext(httpFunctions.getTask));
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** A viewer account that exists and is enabled, with a token `POST /token` would have issued it. */
async function anAccount(): Promise<{ username: string; token: string }> {
  const username = `viewer-${randomUUID().slice(0, 8)}`;
  const { authorization = '' } = await authHeaders('viewer', username);
  return { username, token: authorization.replace(/^Bearer /, '') };
}

function decodedClaims(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as Record<string, unknown>;
}

const secondsFromNow = (seconds: number) => Math.floor(Date.now() / 1000) + seconds;

type Forgery = (ring: RealKeyRing, account: { username: string; token: string }) => Promise<string> | string;

/** Each flaw, built on a token that would pass without it; the reason is what the 401 must say. */
const forgeries: [string, Forgery, RegExp][] = [
  ...['none', 'None', 'NONE', 'nOnE'].flatMap((alg): [string, Forgery, RegExp][] => [
    [
      `alg ${alg} without a signature`,
      async (ring, { username }) => forgeToken(tokenHeader(ring.kid, { alg }), accessClaims(username), noSignature),
      /token malformed/,
    ],
    [
      `alg ${alg} with our signature left on`,
      async (ring, { username }) => forgeToken(tokenHeader(ring.kid, { alg }), accessClaims(username), ring.sign),
      /algorithm not allowed/,
    ],
  ]),
  [
    'HS256 keyed with the PEM of our public key (algorithm confusion)',
    async (ring, { username }) =>
      forgeToken(tokenHeader(ring.kid, { alg: 'HS256' }), accessClaims(username), hs256Signer(ring.publicPem)),
    /algorithm not allowed/,
  ],
  [
    'HS256 keyed with the JWK of our public key (algorithm confusion)',
    async (ring, { username }) =>
      forgeToken(tokenHeader(ring.kid, { alg: 'HS256' }), accessClaims(username), hs256Signer(ring.publicJwkJson)),
    /algorithm not allowed/,
  ],
  [
    'an expired token',
    async (ring, { username }) =>
      forgeToken(
        tokenHeader(ring.kid),
        accessClaims(username, { iat: secondsFromNow(-1200), nbf: secondsFromNow(-1200), exp: secondsFromNow(-60) }),
        ring.sign,
      ),
    /expired/,
  ],
  [
    'a token not valid yet',
    async (ring, { username }) =>
      forgeToken(tokenHeader(ring.kid), accessClaims(username, { nbf: secondsFromNow(120) }), ring.sign),
    /not yet valid/,
  ],
  [
    'a token of another issuer',
    async (ring, { username }) =>
      forgeToken(tokenHeader(ring.kid), accessClaims(username, { iss: 'https://evil.test' }), ring.sign),
    /'iss' not valid/,
  ],
  [
    'a token for another audience',
    async (ring, { username }) =>
      forgeToken(tokenHeader(ring.kid), accessClaims(username, { aud: 'another-api' }), ring.sign),
    /'aud' not valid/,
  ],
  [
    'an issued token whose role claim was raised to admin',
    (_ring, { token }) => {
      const [header = '', , signature = ''] = token.split('.');
      return `${header}.${b64({ ...decodedClaims(token), role: 'admin' })}.${signature}`;
    },
    /signature not valid/,
  ],
  [
    'an issued token whose subject was changed to another account',
    (_ring, { token }) => {
      const [header = '', , signature = ''] = token.split('.');
      return `${header}.${b64({ ...decodedClaims(token), sub: 'admin' })}.${signature}`;
    },
    /signature not valid/,
  ],
  [
    'a token signed with another ES256 key under our kid',
    async (ring, { username }) => {
      const other = await generateKeyPair('ES256');
      return forgeToken(tokenHeader(ring.kid), accessClaims(username), es256Signer(other.privateKey));
    },
    /signature not valid/,
  ],
  [
    'an issued token carrying the signature of another issued token',
    async (ring, { token, username }) => {
      const other = await forgeToken(tokenHeader(ring.kid), accessClaims(username), ring.sign);
      return `${token.split('.').slice(0, 2).join('.')}.${other.split('.')[2] ?? ''}`;
    },
    /signature not valid/,
  ],
  [
    'an issued token with one signature byte flipped',
    (_ring, { token }) => {
      const [header = '', claims = '', signature = ''] = token.split('.');
      const bytes = Buffer.from(signature, 'base64url');
      bytes[10] = (bytes[10] ?? 0) ^ 0x01;
      return `${header}.${claims}.${bytes.toString('base64url')}`;
    },
    /signature not valid/,
  ],
  [
    'a token with an unknown kid',
    async (ring, { username }) =>
      forgeToken(tokenHeader(ring.kid, { kid: 'someone-elses-key' }), accessClaims(username), ring.sign),
    /signing key unknown/,
  ],
  [
    'a token without a kid',
    async (ring, { username }) => forgeToken({ alg: 'ES256', typ: 'JWT' }, accessClaims(username), ring.sign),
    /signing key unknown/,
  ],
  ...['../../../dev/null', "x' OR '1'='1", '__proto__', 'constructor', 'hasOwnProperty'].map(
    (kid): [string, Forgery, RegExp] => [
      `a token with the injected kid ${kid}`,
      async (ring, { username }) => forgeToken(tokenHeader(ring.kid, { kid }), accessClaims(username), ring.sign),
      /signing key unknown/,
    ],
  ),
  [
    'a token whose kid is not a string',
    async (ring, { username }) => forgeToken(tokenHeader(ring.kid, { kid: 42 }), accessClaims(username), ring.sign),
    /signing key unknown/,
  ],
  [
    "a token that brings its own key in a jwk header, signed with that key's private half",
    async (ring, { username }) => {
      const attacker = await generateKeyPair('ES256', { extractable: true });
      const jwk = await exportJWK(attacker.publicKey);
      return forgeToken(tokenHeader(ring.kid, { jwk }), accessClaims(username), es256Signer(attacker.privateKey));
    },
    /header parameter not allowed/,
  ],
  ...(
    [
      ['jku', { jku: 'https://evil.test/jwks.json' }],
      ['x5u', { x5u: 'https://evil.test/cert.pem' }],
      ['x5c', { x5c: ['MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA'] }],
      ['jwk', { jwk: { kty: 'EC', crv: 'P-256', x: 'x', y: 'y' } }],
    ] satisfies [string, object][]
  ).map(([name, extra]): [string, Forgery, RegExp] => [
    `a token with a ${name} header, even when signed with our key`,
    async (ring, { username }) => forgeToken(tokenHeader(ring.kid, extra), accessClaims(username), ring.sign),
    /header parameter not allowed/,
  ]),
  [
    `a token over ${MAX_TOKEN_LENGTH} characters, even when signed with our key`,
    async (ring, { username }) =>
      forgeToken(tokenHeader(ring.kid), accessClaims(username, { padding: 'x'.repeat(MAX_TOKEN_LENGTH) }), ring.sign),
    /too large/,
  ],
];

describe('bearer tokens at GET /tasks/{taskId}', () => {
  it('lets in a valid issued token (404 for the unknown task, not 401)', async () => {
    // Prepare
    const { token } = await anAccount();

    // Act
    const result = await getTask(bearer(token));

    // Assess
    expect(result.statusCode).toBe(404);
  });

  it('lets in a hand-made token signed with the real key ring, so each forgery below fails by its flaw alone', async () => {
    // Prepare
    const { username } = await anAccount();
    const ring = await realKeyRing();
    const token = await forgeToken(tokenHeader(ring.kid), accessClaims(username), ring.sign);

    // Act
    const result = await getTask(bearer(token));

    // Assess
    expect(result.statusCode).toBe(404);
  });

  it.each(forgeries)('refuses %s with 401 and an invalid_token challenge', async (_name, forge, reason) => {
    // Prepare
    const account = await anAccount();
    const token = await forge(await realKeyRing(), account);

    // Act
    const result = await getTask(bearer(token));

    // Assess
    const problem = expectUnauthorized(result, INVALID_TOKEN_CHALLENGE, token);
    expect(problem.detail).toMatch(reason);
  });

  it("refuses a disabled user's still-valid token with 401", async () => {
    // Prepare
    const { username, token } = await anAccount();
    await userStore().setDisabled(username, true, new Date());

    // Act
    const result = await getTask(bearer(token));

    // Assess
    expectUnauthorized(result, /^Bearer realm="yggdrasil"/, token);
  });

  it('refuses a validly signed token of an account that does not exist with 401', async () => {
    // Prepare
    const ring = await realKeyRing();
    const token = await forgeToken(tokenHeader(ring.kid), accessClaims(`ghost-${randomUUID().slice(0, 8)}`), ring.sign);

    // Act
    const result = await getTask(bearer(token));

    // Assess
    expectUnauthorized(result, /^Bearer realm="yggdrasil"/, token);
  });

  it('refuses a request carrying both a valid token and a valid API key with 401', async () => {
    // Prepare
    const { username, token } = await anAccount();
    const { key } = await issueApiKey(apiKeyStore(), { owner: username, name: 'ci' }, new Date());

    // Act
    const result = await getTask({ ...bearer(token), 'x-api-key': key });

    // Assess
    expectUnauthorized(result, /^Bearer realm="yggdrasil"/, token);
    expect(String(result.body)).not.toContain(key);
  });

  it.each([
    ['Basic credentials', (token: string) => `Basic ${Buffer.from(`viewer:${token}`).toString('base64')}`],
    ['the scheme alone', () => 'Bearer'],
    ['two tokens', (token: string) => `Bearer ${token} ${token}`],
    ['a token without its scheme', (token: string) => token],
  ])('refuses an Authorization header holding %s with 401', async (_name, authorization) => {
    // Prepare
    const { token } = await anAccount();

    // Act
    const result = await getTask({ authorization: authorization(token) });

    // Assess
    expectUnauthorized(result, /^Bearer realm="yggdrasil"/, token);
  });
});
