import { randomUUID } from 'node:crypto';
import { decodeProtectedHeader, exportJWK, exportSPKI, generateKeyPair } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateKeyRing, importKeyRing } from '#shared/auth/signing-keys';
import type { SigningKeys } from '#shared/auth/signing-keys';
import { MAX_TOKEN_LENGTH, issueAccessToken, verifyAccessToken } from '#shared/auth/tokens';
import type { TokenSettings } from '#shared/auth/tokens';
import { UnauthorizedError } from '#shared/errors';
import { b64, es256Signer, forgeToken, hs256Signer, noSignature } from './forged-tokens.ts';

const settings: TokenSettings = { issuer: 'https://yggdrasil.test', audience: 'yggdrasil-api', lifetimeSeconds: 1800 };
const now = new Date('2030-01-01T12:00:00.000Z');
const nowSeconds = now.getTime() / 1000;
const ada = { username: 'ada', role: 'viewer' } as const;

let keys: SigningKeys;
let kid: string;
let realSigner: ReturnType<typeof es256Signer>;

beforeAll(async () => {
  keys = importKeyRing(await generateKeyRing(now));
  kid = keys.signing.kid;
  realSigner = es256Signer(await keys.signing.privateKey());
});

const header = (extra: object = {}) => ({ alg: 'ES256', kid, typ: 'JWT', ...extra });
const claims = (extra: object = {}) => ({
  iss: settings.issuer,
  aud: settings.audience,
  sub: 'ada',
  role: 'viewer',
  iat: nowSeconds,
  nbf: nowSeconds,
  exp: nowSeconds + 600,
  jti: randomUUID(),
  ...extra,
});

/** Rejected with a 401 whose message and challenge never repeat the token. */
async function expectRejected(token: string, reason?: RegExp): Promise<void> {
  const error: unknown = await verifyAccessToken(token, keys, settings, now).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(UnauthorizedError);
  const unauthorized = error as UnauthorizedError;
  expect(unauthorized.status).toBe(401);
  const shown = `${unauthorized.message} ${JSON.stringify(unauthorized.extra)}`;
  for (const part of token.split('.').filter((segment) => segment.length > 8)) expect(shown).not.toContain(part);
  if (reason) expect(unauthorized.message).toMatch(reason);
}

describe('issueAccessToken', () => {
  it('issues a token that verifies to its user, role and lifetime', async () => {
    // Prepare
    const token = await issueAccessToken(ada, keys, settings, now);

    // Act
    const verified = await verifyAccessToken(token, keys, settings, now);

    // Assess
    expect(verified).toEqual({
      sub: 'ada',
      role: 'viewer',
      jti: expect.stringMatching(/^[0-9a-f-]{36}$/) as unknown,
      iat: nowSeconds,
      exp: nowSeconds + 1800,
      ver: 0,
    });
  });

  it("carries the account's token version", async () => {
    // Prepare
    const token = await issueAccessToken({ ...ada, tokenVersion: 7 }, keys, settings, now);

    // Act
    const verified = await verifyAccessToken(token, keys, settings, now);

    // Assess
    expect(verified.ver).toBe(7);
  });

  it('signs with ES256 and names the key and the type in the header', async () => {
    // Act
    const token = await issueAccessToken(ada, keys, settings, now);

    // Assess
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'ES256', kid, typ: 'JWT' });
  });

  it('gives every token its own id', async () => {
    // Act
    const [first, second] = await Promise.all([
      issueAccessToken(ada, keys, settings, now),
      issueAccessToken(ada, keys, settings, now),
    ]);

    // Assess
    const ids = await Promise.all(
      [first, second].map(async (t) => (await verifyAccessToken(t, keys, settings, now)).jti),
    );
    expect(ids[0]).not.toBe(ids[1]);
  });

  it('refuses a lifetime over 30 minutes', async () => {
    // Act
    const issued = issueAccessToken(ada, keys, { ...settings, lifetimeSeconds: 1801 }, now);

    // Assess
    await expect(issued).rejects.toThrow(RangeError);
  });
});

describe('verifyAccessToken', () => {
  it('accepts a hand-made token signed with our key (the forgeries below differ only in their flaw)', async () => {
    // Prepare
    const token = await forgeToken(header(), claims(), realSigner);

    // Act
    const verified = await verifyAccessToken(token, keys, settings, now);

    // Assess
    expect(verified.sub).toBe('ada');
  });

  describe.each(['none', 'None', 'NONE', 'nOnE'])('alg %s', (alg) => {
    it('is rejected without a signature', async () => {
      // Prepare
      const token = await forgeToken(header({ alg }), claims(), noSignature);

      // Act & Assess
      await expectRejected(token);
    });

    it('is rejected with a signature left on', async () => {
      // Prepare
      const token = await forgeToken(header({ alg }), claims(), realSigner);

      // Act & Assess
      await expectRejected(token, /algorithm not allowed/);
    });
  });

  it('rejects HS256 signed with the PEM of our public key (algorithm confusion)', async () => {
    // Prepare
    const publicKey = await keys.verification.get(kid)?.publicKey();
    if (!publicKey) throw new Error('no public key');
    const token = await forgeToken(header({ alg: 'HS256' }), claims(), hs256Signer(await exportSPKI(publicKey)));

    // Act & Assess
    await expectRejected(token, /algorithm not allowed/);
  });

  it('rejects HS256 signed with the JWK of our public key (algorithm confusion)', async () => {
    // Prepare
    const publicKey = await keys.verification.get(kid)?.publicKey();
    if (!publicKey) throw new Error('no public key');
    const secret = JSON.stringify(await exportJWK(publicKey));
    const token = await forgeToken(header({ alg: 'HS256' }), claims(), hs256Signer(secret));

    // Act & Assess
    await expectRejected(token, /algorithm not allowed/);
  });

  it.each(['RS256', 'ES384', 'PS256', 'EdDSA'])('rejects alg %s', async (alg) => {
    // Prepare
    const token = await forgeToken(header({ alg }), claims(), realSigner);

    // Act & Assess
    await expectRejected(token, /algorithm not allowed/);
  });

  it('rejects an expired token', async () => {
    // Prepare
    const token = await issueAccessToken(
      ada,
      keys,
      { ...settings, lifetimeSeconds: 600 },
      new Date(now.getTime() - 3600_000),
    );

    // Act & Assess
    await expectRejected(token, /expired/);
  });

  it('accepts a token expired less than the clock tolerance ago', async () => {
    // Prepare
    const token = await forgeToken(
      header(),
      claims({ iat: nowSeconds - 620, nbf: nowSeconds - 620, exp: nowSeconds - 20 }),
      realSigner,
    );

    // Act
    const verified = await verifyAccessToken(token, keys, settings, now);

    // Assess
    expect(verified.sub).toBe('ada');
  });

  it('rejects a token whose nbf is in the future', async () => {
    // Prepare
    const token = await forgeToken(header(), claims({ nbf: nowSeconds + 120 }), realSigner);

    // Act & Assess
    await expectRejected(token, /not yet valid/);
  });

  it('accepts a token whose nbf is within the clock tolerance', async () => {
    // Prepare
    const token = await forgeToken(header(), claims({ nbf: nowSeconds + 10 }), realSigner);

    // Act
    const verified = await verifyAccessToken(token, keys, settings, now);

    // Assess
    expect(verified.sub).toBe('ada');
  });

  it('rejects a token of another issuer', async () => {
    // Prepare
    const token = await issueAccessToken(ada, keys, { ...settings, issuer: 'https://evil.test' }, now);

    // Act & Assess
    await expectRejected(token, /'iss'/);
  });

  it('rejects a token for another audience', async () => {
    // Prepare
    const token = await issueAccessToken(ada, keys, { ...settings, audience: 'another-api' }, now);

    // Act & Assess
    await expectRejected(token, /'aud'/);
  });

  it('rejects a token whose payload was changed after signing (role raised to admin)', async () => {
    // Prepare
    const [encodedHeader, encodedClaims, signature] = (await issueAccessToken(ada, keys, settings, now)).split('.');
    const raised = {
      ...(JSON.parse(Buffer.from(encodedClaims ?? '', 'base64url').toString()) as object),
      role: 'admin',
    };
    const token = `${encodedHeader ?? ''}.${b64(raised)}.${signature ?? ''}`;

    // Act & Assess
    await expectRejected(token, /signature not valid/);
  });

  it('rejects a token signed with another ES256 key under our kid', async () => {
    // Prepare
    const other = await generateKeyPair('ES256');
    const token = await forgeToken(header(), claims(), es256Signer(other.privateKey));

    // Act & Assess
    await expectRejected(token, /signature not valid/);
  });

  it('rejects a token with an unknown kid', async () => {
    // Prepare
    const token = await forgeToken(header({ kid: 'someone-elses-key' }), claims(), realSigner);

    // Act & Assess
    await expectRejected(token, /signing key unknown/);
  });

  it('rejects a token without a kid', async () => {
    // Prepare
    const token = await forgeToken({ alg: 'ES256', typ: 'JWT' }, claims(), realSigner);

    // Act & Assess
    await expectRejected(token, /signing key unknown/);
  });

  it.each(['../../x', '../../../dev/null', "x' OR '1'='1", '__proto__', 'constructor', 'toString', 42])(
    'rejects an injected kid %s',
    async (injected) => {
      // Prepare
      const token = await forgeToken(header({ kid: injected }), claims(), realSigner);

      // Act & Assess
      await expectRejected(token, /signing key unknown/);
    },
  );

  it.each([
    ['jku', { jku: 'https://evil.test/jwks.json' }],
    ['jwk', { jwk: { kty: 'EC', crv: 'P-256', x: 'x', y: 'y' } }],
    ['x5u', { x5u: 'https://evil.test/cert.pem' }],
    ['x5c', { x5c: ['MIIB'] }],
    ['crit', { crit: ['exp'] }],
  ])('rejects a token with a %s header, even when signed with our key', async (_name, extra) => {
    // Prepare
    const token = await forgeToken(header(extra), claims(), realSigner);

    // Act & Assess
    await expectRejected(token, /header parameter not allowed/);
  });

  it('rejects a token of another type', async () => {
    // Prepare
    const token = await forgeToken(header({ typ: 'at+jwt' }), claims(), realSigner);

    // Act & Assess
    await expectRejected(token, /type not allowed/);
  });

  it(`rejects a token over ${MAX_TOKEN_LENGTH} characters, even when signed with our key`, async () => {
    // Prepare
    const token = await forgeToken(header(), claims({ padding: 'x'.repeat(MAX_TOKEN_LENGTH) }), realSigner);

    // Act & Assess
    await expectRejected(token, /too large/);
  });

  it.each(['jti', 'sub', 'exp', 'nbf', 'iat'])('rejects a token without %s', async (claim) => {
    // Prepare
    const token = await forgeToken(header(), claims({ [claim]: undefined }), realSigner);

    // Act & Assess
    await expectRejected(token);
  });

  it('rejects a token whose role is not one of ours', async () => {
    // Prepare
    const token = await forgeToken(header(), claims({ role: 'root' }), realSigner);

    // Act & Assess
    await expectRejected(token, /claims not valid/);
  });

  it('rejects a token that lives longer than 30 minutes', async () => {
    // Prepare
    const token = await forgeToken(header(), claims({ exp: nowSeconds + 86_400 }), realSigner);

    // Act & Assess
    await expectRejected(token, /lifetime too long/);
  });

  it.each([
    ['two segments', 'abc.def'],
    ['empty', ''],
    ['a JWE-shaped token', 'a.b.c.d.e'],
    ['non-base64url characters', 'a+b.c/d.e=f'],
    ['a header that is not JSON', `${Buffer.from('nope').toString('base64url')}.e30.c2ln`],
  ])('rejects a malformed token (%s)', async (_case, token) => {
    // Act & Assess
    await expectRejected(token);
  });

  it('answers with an RFC 6750 invalid_token challenge', async () => {
    // Prepare
    const token = await forgeToken(header({ alg: 'none' }), claims(), noSignature);

    // Act
    const verified = verifyAccessToken(token, keys, settings, now);

    // Assess
    await expect(verified).rejects.toMatchObject({
      extra: { headers: { 'www-authenticate': expect.stringContaining('error="invalid_token"') as unknown } },
    });
  });
});

describe('verifyAccessToken on a token it verified before', () => {
  it('rejects it once it has expired', async () => {
    // Prepare
    const token = await issueAccessToken(ada, keys, settings, now);
    await verifyAccessToken(token, keys, settings, now);
    const afterExpiry = new Date(now.getTime() + (settings.lifetimeSeconds + 31) * 1000);

    // Act
    const verified = verifyAccessToken(token, keys, settings, afterExpiry);

    // Assess
    await expect(verified).rejects.toThrow(/token expired/);
  });

  it('rejects it once its key has left the ring', async () => {
    // Prepare
    const token = await issueAccessToken(ada, keys, settings, now);
    await verifyAccessToken(token, keys, settings, now);
    const otherRing = importKeyRing(await generateKeyRing(now));

    // Act
    const verified = verifyAccessToken(token, otherRing, settings, now);

    // Assess
    await expect(verified).rejects.toThrow(/signing key unknown/);
  });

  it('verifies it again against a reloaded ring, and accepts it there', async () => {
    // Prepare
    const ring = await generateKeyRing(now);
    const first = importKeyRing(ring);
    const reloaded = importKeyRing(ring);
    const token = await issueAccessToken(ada, first, settings, now);
    await verifyAccessToken(token, first, settings, now);

    // Act
    const verified = await verifyAccessToken(token, reloaded, settings, now);

    // Assess
    expect(verified.sub).toBe('ada');
  });
});
