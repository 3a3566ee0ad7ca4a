import { createHmac } from 'node:crypto';
import type { CryptoKey } from 'jose';

/**
 * Hand-made compact JWS, so tests can send exactly the header, claims and signature an attacker would;
 * jose refuses to produce most of them.
 */
export type Signer = (signingInput: string) => Promise<Uint8Array> | Uint8Array;

export const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

export async function forgeToken(header: object, claims: object, sign: Signer): Promise<string> {
  const signingInput = `${b64(header)}.${b64(claims)}`;
  return `${signingInput}.${Buffer.from(await sign(signingInput)).toString('base64url')}`;
}

/** ES256 as JWS wants it: raw r‖s, which is what Web Crypto produces. */
export function es256Signer(privateKey: CryptoKey): Signer {
  return async (input) =>
    new Uint8Array(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, privateKey, Buffer.from(input)));
}

export function hs256Signer(secret: string | Uint8Array): Signer {
  return (input) => createHmac('sha256', secret).update(input).digest();
}

export const noSignature: Signer = () => new Uint8Array();
