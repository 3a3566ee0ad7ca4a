import { calculateJwkThumbprint } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openEmbeddedDatabase } from '#shared/adapters/embedded/database';
import { EmbeddedSecretStore } from '#shared/adapters/embedded/secret-store';
import {
  ensureSigningKeys,
  generateKeyRing,
  importKeyRing,
  loadSigningKeys,
  parseKeyRing,
  rotateSigningKeys,
} from '#shared/auth/signing-keys';
import { issueAccessToken, verifyAccessToken } from '#shared/auth/tokens';
import type { TokenSettings } from '#shared/auth/tokens';
import { ConflictError, UnauthorizedError } from '#shared/errors';
import type { DatabaseSync } from 'node:sqlite';

const secretId = 'yggdrasil/jwt-signing-keys';
const t0 = new Date('2030-01-01T00:00:00.000Z');
const seconds = (count: number) => new Date(t0.getTime() + count * 1000);
const settings: TokenSettings = { issuer: 'yggdrasil', audience: 'yggdrasil-api', lifetimeSeconds: 600 };
const ada = { username: 'ada', role: 'editor' } as const;

let database: DatabaseSync;
let secrets: EmbeddedSecretStore;

beforeEach(() => {
  database = openEmbeddedDatabase({ dataDir: '', inMemory: true });
  secrets = new EmbeddedSecretStore({ database });
});

afterEach(() => {
  database.close();
});

describe('generateKeyRing', () => {
  it('makes P-256 keys named by their JWK thumbprint, with the private part only where it signs', async () => {
    // Act
    const ring = await generateKeyRing(t0);

    // Assess
    expect(ring.current.publicJwk).toMatchObject({ kty: 'EC', crv: 'P-256' });
    expect(ring.current.publicJwk).not.toHaveProperty('d');
    expect(ring.current.privateJwk).toHaveProperty('d');
    expect(ring.current.kid).toBe(await calculateJwkThumbprint(ring.current.publicJwk));
    expect(ring.next.kid).not.toBe(ring.current.kid);
    expect(ring.previous).toBeUndefined();
  });
});

describe('ensureSigningKeys', () => {
  it('stores a new ring when the secret does not exist', async () => {
    // Act
    const ring = await ensureSigningKeys(secrets, { secretId, now: t0 });

    // Assess
    expect(parseKeyRing(await secrets.get(secretId))).toEqual(ring);
  });

  it('keeps an existing ring', async () => {
    // Prepare
    const first = await ensureSigningKeys(secrets, { secretId, now: t0 });

    // Act
    const second = await ensureSigningKeys(secrets, { secretId, now: seconds(60) });

    // Assess
    expect(second).toEqual(first);
  });

  it('refuses a secret that is not a key ring without repeating its value', async () => {
    // Prepare
    await secrets.put(secretId, '{"current":{"privateJwk":"very-secret-value"}}');

    // Act
    const ensured = ensureSigningKeys(secrets, { secretId, now: t0 });

    // Assess
    await expect(ensured).rejects.toThrow(/not hold a valid key ring/);
    await expect(ensured).rejects.not.toThrow(/very-secret-value/);
  });
});

describe('rotateSigningKeys', () => {
  it('retires the current key, promotes the next one and publishes a new next', async () => {
    // Prepare
    const before = await ensureSigningKeys(secrets, { secretId, now: t0 });

    // Act
    const after = await rotateSigningKeys(secrets, { secretId, now: seconds(100) });

    // Assess
    expect(after.previous).toEqual({
      kid: before.current.kid,
      publicJwk: before.current.publicJwk,
      retiredAt: seconds(100).toISOString(),
    });
    expect(after.current).toEqual(before.next);
    expect([before.current.kid, before.next.kid]).not.toContain(after.next.kid);
    expect(parseKeyRing(await secrets.get(secretId))).toEqual(after);
  });

  it('refuses a second rotation within one token lifetime', async () => {
    // Prepare
    await ensureSigningKeys(secrets, { secretId, now: t0 });
    await rotateSigningKeys(secrets, { secretId, now: seconds(100) });

    // Act
    const again = rotateSigningKeys(secrets, { secretId, now: seconds(200) });

    // Assess
    await expect(again).rejects.toThrow(ConflictError);
  });

  it('rotates again within one token lifetime when forced', async () => {
    // Prepare
    await ensureSigningKeys(secrets, { secretId, now: t0 });
    const first = await rotateSigningKeys(secrets, { secretId, now: seconds(100) });

    // Act
    const second = await rotateSigningKeys(secrets, { secretId, now: seconds(200), force: true });

    // Assess
    expect(second.previous?.kid).toBe(first.current.kid);
  });
});

describe('a rotation', () => {
  async function tokenSignedJustBeforeRotation() {
    const before = importKeyRing(await ensureSigningKeys(secrets, { secretId, now: t0 }));
    const token = await issueAccessToken(ada, before, settings, seconds(999));
    const after = importKeyRing(await rotateSigningKeys(secrets, { secretId, now: seconds(1000) }));
    return { token, before, after };
  }

  it('keeps accepting tokens of the retired key until one lifetime after it retired', async () => {
    // Prepare
    const { token, after } = await tokenSignedJustBeforeRotation();

    // Act
    const verified = await verifyAccessToken(token, after, settings, seconds(1000 + 590));

    // Assess
    expect(verified.sub).toBe('ada');
  });

  it('stops accepting tokens of the retired key once one lifetime has passed since it retired', async () => {
    // Prepare
    const { token, after } = await tokenSignedJustBeforeRotation();

    // Act (exp + clock tolerance would still let it through: the key's window closes first)
    const verified = verifyAccessToken(token, after, settings, seconds(1000 + 610));

    // Assess
    await expect(verified).rejects.toThrow(UnauthorizedError);
    await expect(verified).rejects.toThrow(/signing key retired/);
  });

  it('signs new tokens with the promoted key, which containers still holding the old ring accept', async () => {
    // Prepare
    const { before, after } = await tokenSignedJustBeforeRotation();

    // Act
    const token = await issueAccessToken(ada, after, settings, seconds(1001));

    // Assess
    await expect(verifyAccessToken(token, after, settings, seconds(1002))).resolves.toMatchObject({ sub: 'ada' });
    await expect(verifyAccessToken(token, before, settings, seconds(1002))).resolves.toMatchObject({ sub: 'ada' });
  });

  it('forgets the key retired two rotations ago', async () => {
    // Prepare
    const { token } = await tokenSignedJustBeforeRotation();
    const twice = importKeyRing(await rotateSigningKeys(secrets, { secretId, now: seconds(1100), force: true }));

    // Act
    const verified = verifyAccessToken(token, twice, settings, seconds(1101));

    // Assess
    await expect(verified).rejects.toThrow(/signing key unknown/);
  });
});

describe('importKeyRing', () => {
  it("verifies a token without importing the ring's other keys, which a cold start would pay for", async () => {
    // Prepare: the next key cannot be imported, so any attempt to import it fails the verification
    const ring = await generateKeyRing(t0);
    const token = await issueAccessToken(ada, importKeyRing(ring), settings, t0);
    const broken = { ...ring, next: { ...ring.next, publicJwk: { ...ring.next.publicJwk, x: 'AAAA' } } };

    // Act
    const verified = await verifyAccessToken(token, importKeyRing(broken), settings, seconds(1));

    // Assess
    expect(verified.sub).toBe('ada');
  });

  it('imports each key once and gives the same key after', async () => {
    // Prepare
    const keys = importKeyRing(await generateKeyRing(t0));

    // Act
    const [first, second] = [await keys.signing.privateKey(), await keys.signing.privateKey()];

    // Assess
    expect(second).toBe(first);
  });
});

describe('loadSigningKeys', () => {
  it('reuses the imported keys while the secret is unchanged', async () => {
    // Prepare
    await ensureSigningKeys(secrets, { secretId, now: t0 });
    const first = await loadSigningKeys(secrets, secretId);

    // Act
    const second = await loadSigningKeys(secrets, secretId);

    // Assess
    expect(second).toBe(first);
  });

  it('imports the new ring after a rotation', async () => {
    // Prepare
    await ensureSigningKeys(secrets, { secretId, now: t0 });
    const before = await loadSigningKeys(secrets, secretId);
    const rotated = await rotateSigningKeys(secrets, { secretId, now: seconds(100) });

    // Act
    const after = await loadSigningKeys(secrets, secretId);

    // Assess
    expect(after.signing.kid).toBe(rotated.current.kid);
    expect(after.signing.kid).not.toBe(before.signing.kid);
  });
});
