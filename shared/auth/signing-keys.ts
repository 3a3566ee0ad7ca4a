import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK } from 'jose';
import type { CryptoKey } from 'jose';
import * as z from 'zod/mini';
import { ConflictError } from '#shared/errors';
import { SecretNotFoundError } from '#shared/ports/secret-store';
import type { SecretStore } from '#shared/ports/secret-store';

/** The one algorithm tokens are signed and verified with: asymmetric, so verifying needs only public keys. */
export const SIGNING_ALGORITHM = 'ES256';
export const DEFAULT_SIGNING_KEYS_SECRET_ID = 'yggdrasil/jwt-signing-keys';
/** The longest access-token lifetime the platform allows (the issue's 30 minutes). */
export const MAX_TOKEN_LIFETIME_SECONDS = 1800;

const publicJwkSchema = z.object({
  kty: z.literal('EC'),
  crv: z.literal('P-256'),
  x: z.string().check(z.minLength(1)),
  y: z.string().check(z.minLength(1)),
});
const privateJwkSchema = z.extend(publicJwkSchema, { d: z.string().check(z.minLength(1)) });
const signingKeySchema = z.object({
  kid: z.string().check(z.minLength(1)),
  privateJwk: privateJwkSchema,
  publicJwk: publicJwkSchema,
  createdAt: z.iso.datetime(),
});

/**
 * The key ring, stored as JSON in one secret. `current` signs; `next` is published a whole rotation ahead
 * so that a container still holding yesterday's cached ring already accepts tokens signed after the next
 * rotation; `previous` is accepted for one token lifetime after it retired, so a rotation logs nobody out.
 */
export const keyRingSchema = z.object({
  current: signingKeySchema,
  next: signingKeySchema,
  previous: z.optional(
    z.object({ kid: z.string().check(z.minLength(1)), publicJwk: publicJwkSchema, retiredAt: z.iso.datetime() }),
  ),
});
export type KeyRing = z.infer<typeof keyRingSchema>;
type StoredSigningKey = KeyRing['current'];

/**
 * A public key a token may be verified with; one whose `retiredAt` is set is accepted for one lifetime more.
 * `publicKey` imports it the first time a token names it, and then gives the same key.
 */
export interface VerificationKey {
  readonly publicKey: () => Promise<CryptoKey>;
  readonly retiredAt?: Date;
}

/**
 * The ring as `issueAccessToken` signs with it and `verifyAccessToken` verifies with it. Each key is imported
 * on first use: a container that only verifies never imports the private key, and one token names one key, so
 * a cold start's first request imports one key instead of three (~0.6 ms each through WebCrypto).
 */
export interface SigningKeys {
  readonly signing: { readonly kid: string; readonly privateKey: () => Promise<CryptoKey> };
  /** Keyed by `kid`; a `Map`, so no `kid` can reach an object's prototype. */
  readonly verification: ReadonlyMap<string, VerificationKey>;
}

async function generateSigningKey(now: Date): Promise<StoredSigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(SIGNING_ALGORITHM, { extractable: true });
  const publicJwk = publicJwkSchema.parse(await exportJWK(publicKey));
  return {
    kid: await calculateJwkThumbprint(publicJwk),
    privateJwk: privateJwkSchema.parse(await exportJWK(privateKey)),
    publicJwk,
    createdAt: now.toISOString(),
  };
}

/**
 * A new ring (current and next keys). Used at first start locally, and by whatever creates the cloud secret.
 *
 * @example
 * await secretStore.put(DEFAULT_SIGNING_KEYS_SECRET_ID, JSON.stringify(await generateKeyRing(new Date())));
 */
export async function generateKeyRing(now: Date): Promise<KeyRing> {
  return { current: await generateSigningKey(now), next: await generateSigningKey(now) };
}

export function parseKeyRing(json: string): KeyRing {
  const parsed = keyRingSchema.safeParse(parsedJson(json));
  // The secret's value is private key material: never let it reach a message, only the failing fields do.
  if (!parsed.success) throw keyRingError(parsed.error.issues.map((issue) => issue.path.join('.')).join(', '));
  return parsed.data;
}

function parsedJson(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    throw keyRingError('not JSON');
  }
}

function keyRingError(cause: string): Error {
  return new Error('The signing key secret does not hold a valid key ring', { cause });
}

/** Makes the ring when the secret does not exist yet (local first start). Returns the ring in use. */
export async function ensureSigningKeys(
  secrets: SecretStore,
  options: { secretId: string; now: Date },
): Promise<KeyRing> {
  try {
    return parseKeyRing(await secrets.get(options.secretId));
  } catch (error) {
    if (!(error instanceof SecretNotFoundError)) throw error;
  }
  const ring = await generateKeyRing(options.now);
  await secrets.put(options.secretId, JSON.stringify(ring));
  return ring;
}

/**
 * Retires the current key (it stays accepted for one token lifetime), promotes `next` and publishes a new
 * `next`. Refused within `minIntervalSeconds` of the last rotation, which would drop the key that signed
 * tokens still valid; pass `force` when a key has leaked and those tokens must die.
 */
export async function rotateSigningKeys(
  secrets: SecretStore,
  options: { secretId: string; now: Date; minIntervalSeconds?: number; force?: boolean },
): Promise<KeyRing> {
  const ring = parseKeyRing(await secrets.get(options.secretId));
  const minIntervalMs = (options.minIntervalSeconds ?? MAX_TOKEN_LIFETIME_SECONDS) * 1000;
  if (!options.force && ring.previous && options.now.getTime() - Date.parse(ring.previous.retiredAt) < minIntervalMs) {
    throw new ConflictError('The signing keys were rotated too recently; pass force to rotate anyway');
  }
  const rotated: KeyRing = {
    current: ring.next,
    next: await generateSigningKey(options.now),
    previous: { kid: ring.current.kid, publicJwk: ring.current.publicJwk, retiredAt: options.now.toISOString() },
  };
  await secrets.put(options.secretId, JSON.stringify(rotated));
  return rotated;
}

/** The ring's keys, each imported the first time it is used. */
export function importKeyRing(ring: KeyRing): SigningKeys {
  const verification = new Map<string, VerificationKey>([
    [ring.current.kid, { publicKey: importedOnce(ring.current.publicJwk) }],
    [ring.next.kid, { publicKey: importedOnce(ring.next.publicJwk) }],
  ]);
  if (ring.previous && !verification.has(ring.previous.kid)) {
    verification.set(ring.previous.kid, {
      publicKey: importedOnce(ring.previous.publicJwk),
      retiredAt: new Date(ring.previous.retiredAt),
    });
  }
  return { signing: { kid: ring.current.kid, privateKey: importedOnce(ring.current.privateJwk) }, verification };
}

/** Imports the key on the first call; a failed import is tried again on the next. */
function importedOnce(jwk: z.infer<typeof publicJwkSchema>): () => Promise<CryptoKey> {
  let key: Promise<CryptoKey> | undefined;
  return () => {
    key ??= importKey(jwk).catch((error: unknown) => {
      key = undefined;
      throw error;
    });
    return key;
  };
}

async function importKey(jwk: z.infer<typeof publicJwkSchema>): Promise<CryptoKey> {
  const key = await importJWK(jwk, SIGNING_ALGORITHM);
  if (!isCryptoKey(key)) throw new Error('A signing key did not import as an asymmetric key');
  return key;
}

function isCryptoKey(key: CryptoKey | Uint8Array): key is CryptoKey {
  return !(key instanceof Uint8Array);
}

let imported: { json: string; keys: SigningKeys } | undefined;

/**
 * The ring from its secret, parsed once per value: the secret store caches the value for its TTL, and a warm
 * container parses again only when the value changed (after a rotation).
 */
export async function loadSigningKeys(secrets: SecretStore, secretId: string): Promise<SigningKeys> {
  const json = await secrets.get(secretId);
  if (imported?.json !== json) imported = { json, keys: importKeyRing(parseKeyRing(json)) };
  return imported.keys;
}
