import type { Role } from '#shared/domain/roles';
import type { User } from '#shared/domain/users';
import { UnauthorizedError } from '#shared/errors';
import type { ApiKeyStore } from '#shared/ports/api-key-store';
import type { UserStore } from '#shared/ports/user-store';
import type { ApiKeyUsage } from './api-key-usage.ts';
import { hashApiKey, looksLikeApiKey } from './api-keys.ts';
import type { SigningKeys } from './signing-keys.ts';
import { verifyAccessToken } from './tokens.ts';
import type { TokenSettings } from './tokens.ts';

/** Who is calling. `role` is the account's role now, not the one a token was issued with. */
export interface Principal {
  readonly kind: 'user' | 'api-key';
  readonly username: string;
  readonly role: Role;
  /** Set for API keys. */
  readonly keyId?: string;
}

export interface AuthenticationDeps {
  readonly users: Pick<UserStore, 'get'>;
  readonly apiKeys: Pick<ApiKeyStore, 'findByHash'>;
  readonly usage: ApiKeyUsage;
  readonly signingKeys: () => Promise<SigningKeys>;
  readonly tokens: TokenSettings;
  readonly now?: () => Date;
  /** A failed last-used write; the request goes on. */
  readonly onUsageError?: (error: unknown) => void;
}

export type RequestHeaders = Readonly<Record<string, string | undefined>>;

const BEARER = /^Bearer +([^\s]+) *$/i;
const API_KEY_CHALLENGE = 'ApiKey realm="yggdrasil", header="X-API-Key"';

/**
 * The principal of a request from its `Authorization: Bearer …` or `X-API-Key` header; undefined when it
 * carries neither (the caller decides whether the route is public). Any credential that does not check
 * out (bad token, unknown or revoked key, unknown or disabled account, both headers at once) is an
 * `UnauthorizedError`.
 */
export async function authenticate(headers: RequestHeaders, deps: AuthenticationDeps): Promise<Principal | undefined> {
  const authorization = header(headers, 'authorization');
  const apiKey = header(headers, 'x-api-key');
  if (authorization !== undefined && apiKey !== undefined) {
    throw new UnauthorizedError('Send either a bearer token or an API key, not both');
  }
  const now = deps.now?.() ?? new Date();
  if (authorization !== undefined) return authenticateToken(authorization, deps, now);
  if (apiKey !== undefined) return authenticateApiKey(apiKey, deps, now);
  return undefined;
}

async function authenticateToken(authorization: string, deps: AuthenticationDeps, now: Date): Promise<Principal> {
  const token = BEARER.exec(authorization)?.[1];
  if (token === undefined) throw new UnauthorizedError('The Authorization header must be "Bearer <token>"');
  const claims = await verifyAccessToken(token, await deps.signingKeys(), deps.tokens, now);
  const user = activeAccount(await deps.users.get(claims.sub));
  // A disable, a role change or a password change since the token was issued ends it, even once undone.
  if (claims.ver !== user.tokenVersion) {
    throw new UnauthorizedError(
      'The access token is not valid: token revoked',
      'Bearer realm="yggdrasil", error="invalid_token", error_description="token revoked"',
    );
  }
  return { kind: 'user', username: user.username, role: user.role };
}

async function authenticateApiKey(apiKey: string, deps: AuthenticationDeps, now: Date): Promise<Principal> {
  const keyHash = looksLikeApiKey(apiKey) ? hashApiKey(apiKey) : undefined;
  const key = keyHash === undefined ? undefined : await deps.apiKeys.findByHash(keyHash);
  if (!keyHash || !key || key.revokedAt !== undefined) {
    throw new UnauthorizedError('The API key is not valid', API_KEY_CHALLENGE);
  }
  const owner = activeAccount(await deps.users.get(key.owner));
  await deps.usage.record(keyHash, now, deps.onUsageError);
  return { kind: 'api-key', username: owner.username, role: owner.role, keyId: key.keyId };
}

function activeAccount(user: User | undefined): User {
  if (!user || user.disabled) throw new UnauthorizedError('The account does not exist or is disabled');
  return user;
}

/** Header names are case-insensitive; API Gateway sends them lower-cased, tests may not. */
function header(headers: RequestHeaders, name: string): string | undefined {
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === name && value !== undefined) return value;
  }
  return undefined;
}
