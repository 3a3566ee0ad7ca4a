import { randomUUID } from 'node:crypto';
import { SignJWT, decodeProtectedHeader, errors, jwtVerify } from 'jose';
import type { JWTPayload } from 'jose';
import { isRole } from '#shared/domain/roles';
import type { Role } from '#shared/domain/roles';
import { UnauthorizedError } from '#shared/errors';
import { MAX_TOKEN_LIFETIME_SECONDS, SIGNING_ALGORITHM } from './signing-keys.ts';
import type { SigningKeys, VerificationKey } from './signing-keys.ts';

/** Longer tokens are refused before any parsing. Ours are about 500 characters. */
export const MAX_TOKEN_LENGTH = 4096;
export const CLOCK_TOLERANCE_SECONDS = 30;

export interface TokenSettings {
  readonly issuer: string;
  readonly audience: string;
  /** At most `MAX_TOKEN_LIFETIME_SECONDS`. */
  readonly lifetimeSeconds: number;
}

/** What a verified access token says. */
export interface AccessTokenClaims {
  readonly sub: string;
  readonly role: Role;
  readonly jti: string;
  readonly iat: number;
  readonly exp: number;
  /** The account's `tokenVersion` when the token was issued; 0 for tokens issued before versions existed. */
  readonly ver: number;
}

/** The only protected header parameters a token may carry: no key material or key URL ever comes from it. */
const ALLOWED_HEADER_PARAMETERS: ReadonlySet<string> = new Set(['alg', 'kid', 'typ']);
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/**
 * A signed access token (compact JWS) for the user.
 *
 * @example
 * const token = await issueAccessToken(user, keys, { issuer: 'yggdrasil', audience: 'yggdrasil-api', lifetimeSeconds: 1800 });
 */
export async function issueAccessToken(
  user: { readonly username: string; readonly role: Role; readonly tokenVersion?: number },
  keys: SigningKeys,
  settings: TokenSettings,
  now: Date = new Date(),
): Promise<string> {
  const { lifetimeSeconds } = settings;
  if (!Number.isInteger(lifetimeSeconds) || lifetimeSeconds < 1 || lifetimeSeconds > MAX_TOKEN_LIFETIME_SECONDS) {
    throw new RangeError(`Token lifetime must be 1–${MAX_TOKEN_LIFETIME_SECONDS} s, got ${lifetimeSeconds}`);
  }
  const issuedAt = Math.floor(now.getTime() / 1000);
  return new SignJWT({ role: user.role, ver: user.tokenVersion ?? 0 })
    .setProtectedHeader({ alg: SIGNING_ALGORITHM, kid: keys.signing.kid, typ: 'JWT' })
    .setIssuer(settings.issuer)
    .setAudience(settings.audience)
    .setSubject(user.username)
    .setIssuedAt(issuedAt)
    .setNotBefore(issuedAt)
    .setExpirationTime(issuedAt + lifetimeSeconds)
    .setJti(randomUUID())
    .sign(await keys.signing.privateKey());
}

/**
 * The claims of a valid access token; any other token is an `UnauthorizedError` whose reason never
 * repeats the token. Only ES256 is accepted, only with a key of our own ring chosen by `kid`.
 */
export async function verifyAccessToken(
  token: string,
  keys: SigningKeys,
  settings: TokenSettings,
  now: Date = new Date(),
): Promise<AccessTokenClaims> {
  if (token.length > MAX_TOKEN_LENGTH) throw invalidToken('token too large');
  if (!COMPACT_JWS.test(token)) throw invalidToken('token malformed');
  const key = verificationKeyFor(token, keys, settings, now);
  const seen = verifiedTokens.get(token);
  if (seen?.key === key) return claimsOf(checkTimes(seen.payload, now), now);
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, await key.publicKey(), {
      algorithms: [SIGNING_ALGORITHM],
      typ: 'JWT',
      issuer: settings.issuer,
      audience: settings.audience,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      requiredClaims: ['iss', 'aud', 'sub', 'iat', 'nbf', 'exp', 'jti'],
      currentDate: now,
    }));
  } catch (error) {
    throw invalidToken(reasonFor(error));
  }
  const claims = claimsOf(payload, now);
  rememberVerified(token, { key, payload });
  return claims;
}

/**
 * Tokens this container has verified, by their exact text: a client sends the same token for up to 30 minutes,
 * and the ES256 signature check through WebCrypto is most of a bearer request's authentication cost. A token is
 * taken from here only when its text is identical and the current key ring holds the very key that verified it;
 * its times, its key's retirement and the account are checked again on every use.
 */
const verifiedTokens = new Map<string, { readonly key: VerificationKey; readonly payload: JWTPayload }>();
const MAX_VERIFIED_TOKENS = 1000;

function rememberVerified(token: string, verified: { key: VerificationKey; payload: JWTPayload }): void {
  if (verifiedTokens.size >= MAX_VERIFIED_TOKENS) {
    const oldest = verifiedTokens.keys().next();
    if (!oldest.done) verifiedTokens.delete(oldest.value);
  }
  verifiedTokens.set(token, verified);
}

/** `exp` and `nbf` against `now`, as `jwtVerify` checks them, for a token verified earlier. */
function checkTimes(payload: JWTPayload, now: Date): JWTPayload {
  const seconds = Math.floor(now.getTime() / 1000);
  if (payload.exp !== undefined && payload.exp <= seconds - CLOCK_TOLERANCE_SECONDS)
    throw invalidToken('token expired');
  if (payload.nbf !== undefined && payload.nbf > seconds + CLOCK_TOLERANCE_SECONDS) {
    throw invalidToken('token not yet valid');
  }
  return payload;
}

function verificationKeyFor(token: string, keys: SigningKeys, settings: TokenSettings, now: Date): VerificationKey {
  let header: Record<string, unknown>;
  try {
    header = decodeProtectedHeader(token);
  } catch {
    throw invalidToken('token malformed');
  }
  if (Object.keys(header).some((name) => !ALLOWED_HEADER_PARAMETERS.has(name))) {
    throw invalidToken('token header parameter not allowed');
  }
  if (header.alg !== SIGNING_ALGORITHM) throw invalidToken('token algorithm not allowed');
  if (header.typ !== 'JWT') throw invalidToken('token type not allowed');
  const key = typeof header.kid === 'string' ? keys.verification.get(header.kid) : undefined;
  if (!key) throw invalidToken('token signing key unknown');
  if (key.retiredAt && now.getTime() > key.retiredAt.getTime() + settings.lifetimeSeconds * 1000) {
    throw invalidToken('token signing key retired');
  }
  return key;
}

function claimsOf(payload: JWTPayload, now: Date): AccessTokenClaims {
  const { sub, jti, iat, exp } = payload;
  const role: unknown = payload.role;
  const ver: unknown = payload.ver ?? 0;
  if (!sub || !jti || iat === undefined || exp === undefined || !isRole(role) || !isVersion(ver)) {
    throw invalidToken('token claims not valid');
  }
  if (exp - iat > MAX_TOKEN_LIFETIME_SECONDS) throw invalidToken('token lifetime too long');
  // A token issued in the future would stretch its lifetime past the limit above.
  if (iat > now.getTime() / 1000 + CLOCK_TOLERANCE_SECONDS) throw invalidToken('token issued in the future');
  return { sub, role, jti, iat, exp, ver };
}

function isVersion(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function reasonFor(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'token expired';
  if (error instanceof errors.JWTClaimValidationFailed) {
    return error.claim === 'nbf' ? 'token not yet valid' : `token '${error.claim}' not valid`;
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'token signature not valid';
  return 'token not valid';
}

/** RFC 6750 §3.1: the challenge of a request that carried a bad token. */
function invalidToken(reason: string): UnauthorizedError {
  return new UnauthorizedError(
    `The access token is not valid: ${reason}`,
    `Bearer realm="yggdrasil", error="invalid_token", error_description="${reason}"`,
  );
}
