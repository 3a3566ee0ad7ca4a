import { randomUUID } from 'node:crypto';
import { exportSPKI, importJWK } from 'jose';
import type { CryptoKey } from 'jose';
import { ensureSigningKeys, SIGNING_ALGORITHM } from '#shared/auth/signing-keys';
import { config } from '#shared/config';
import { secretStore } from '#shared/container/secrets';
import { es256Signer } from '../shared/auth/forged-tokens.ts';
import type { Signer } from '../shared/auth/forged-tokens.ts';

/**
 * The key ring of the running container (the one its secret store holds), so that forged tokens differ
 * from a real one only in the flaw under test.
 */
export interface RealKeyRing {
  readonly kid: string;
  /** Signs exactly as the platform does, with the current private key. */
  readonly sign: Signer;
  /** What anyone may learn of the current public key: its JWK (as JSON) and its SPKI PEM. */
  readonly publicJwkJson: string;
  readonly publicPem: string;
}

export async function realKeyRing(): Promise<RealKeyRing> {
  const ring = await ensureSigningKeys(secretStore(), {
    secretId: config().tokens.signingKeysSecretId,
    now: new Date(),
  });
  const privateKey = await importJWK(ring.current.privateJwk, SIGNING_ALGORITHM);
  const publicKey = await importJWK(ring.current.publicJwk, SIGNING_ALGORITHM, { extractable: true });
  return {
    kid: ring.current.kid,
    sign: es256Signer(asCryptoKey(privateKey)),
    publicJwkJson: JSON.stringify(ring.current.publicJwk),
    publicPem: await exportSPKI(asCryptoKey(publicKey)),
  };
}

/** The protected header our tokens carry, with `extra` merged over it. */
export function tokenHeader(kid: string, extra: object = {}): object {
  return { alg: SIGNING_ALGORITHM, kid, typ: 'JWT', ...extra };
}

/** Claims a valid access token of `subject` carries at `now` (10 minutes of life), with `extra` merged over them. */
export function accessClaims(subject: string, extra: object = {}, now: Date = new Date()): object {
  const { issuer, audience } = config().tokens;
  const seconds = Math.floor(now.getTime() / 1000);
  return {
    iss: issuer,
    aud: audience,
    sub: subject,
    role: 'viewer',
    iat: seconds,
    nbf: seconds,
    exp: seconds + 600,
    jti: randomUUID(),
    ...extra,
  };
}

function asCryptoKey(key: CryptoKey | Uint8Array): CryptoKey {
  if (key instanceof Uint8Array) throw new Error('The signing key ring holds a symmetric key');
  return key;
}
