import * as z from 'zod/mini';
import type { Principal } from '#shared/auth/authenticate';
import { issueApiKey } from '#shared/auth/api-keys';
import type { IssuedApiKey } from '#shared/auth/api-keys';
import { apiKeyListQuerySchema } from '#shared/domain/api-keys';
import type { ApiKeySummary, CreateApiKeyInput } from '#shared/domain/api-keys';
import { can } from '#shared/domain/roles';
import { usernameSchema } from '#shared/domain/users';
import { ConflictError, ForbiddenError, NotFoundError } from '#shared/errors';
import type { ApiKeyStore } from '#shared/ports/api-key-store';
import type { UserStore } from '#shared/ports/user-store';

/** A name is the only field of a key request. */
export const API_KEY_BODY_MAX_BYTES = 4 * 1024;

/** A key id as `issueApiKey` makes it: 12 random bytes in base64url. */
export const apiKeyIdSchema = z
  .string()
  .check(z.regex(/^[A-Za-z0-9_-]{16}$/, 'must be an API key id (16 characters of letters, digits, _ and -)'));

/** `?owner=` of the key routes: whose keys to list or revoke. Unknown parameters are refused. */
export const keyOwnerParametersSchema = z.strictObject({ owner: z.optional(usernameSchema) });

/** `GET /api-keys`'s query: whose keys, and which page. Unknown parameters are refused. */
export const keyListParametersSchema = z.strictObject({
  owner: z.optional(usernameSchema),
  ...apiKeyListQuerySchema.shape,
});
export type KeyListParameters = z.infer<typeof keyListParametersSchema>;

export interface ApiKeyList {
  readonly items: readonly ApiKeySummary[];
  readonly nextCursor?: string;
}

/** Managing someone else's keys is user administration: the permission that creates and disables accounts. */
const MANAGE_OTHERS_KEYS = 'users:write';

/**
 * A new key for the caller, up to `maxActiveKeys` unrevoked keys per account (a `ConflictError` past it).
 * A caller who authenticated with an API key may not make more: a leaked key must not be able to mint
 * successors that outlive its revocation. The cap is counted before the write, so keys created at the
 * same instant may pass it by the number of such requests; it bounds growth, it is not a quota.
 */
export async function createKeyFor(
  caller: Principal,
  input: CreateApiKeyInput,
  deps: { readonly store: ApiKeyStore; readonly maxActiveKeys: number },
  now: Date,
): Promise<IssuedApiKey> {
  if (caller.kind === 'api-key')
    throw new ForbiddenError('API keys cannot create API keys: use a bearer token to create keys');
  if ((await deps.store.countActive(caller.username)) >= deps.maxActiveKeys) {
    throw new ConflictError(`An account may hold ${deps.maxActiveKeys} active API keys; revoke one to make another`);
  }
  return issueApiKey(deps.store, { owner: caller.username, name: input.name }, now);
}

/** One page of the keys of `owner` (default: the caller), revoked ones included, never a key or its hash. */
export async function listKeysOf(
  caller: Principal,
  query: KeyListParameters,
  deps: { readonly apiKeys: ApiKeyStore; readonly users: Pick<UserStore, 'get'> },
): Promise<ApiKeyList> {
  const whose = await keyOwner(caller, query.owner, deps.users);
  const page = await deps.apiKeys.listByOwner(whose, { limit: query.limit, cursor: query.cursor });
  return { items: page.keys, ...(page.cursor !== undefined && { nextCursor: page.cursor }) };
}

/**
 * Revokes one of `owner`'s keys (default: the caller's); an unknown id is a `NotFoundError`. Returns the
 * owner. A caller signed in with an API key may revoke that key only: a leaked key can retire itself, but
 * cannot cut its owner off from their other keys (managing those needs a bearer token).
 */
export async function revokeKeyOf(
  caller: Principal,
  request: { readonly keyId: string; readonly owner?: string },
  deps: { readonly apiKeys: ApiKeyStore; readonly users: Pick<UserStore, 'get'> },
  now: Date,
): Promise<string> {
  const ownKey = (request.owner === undefined || request.owner === caller.username) && request.keyId === caller.keyId;
  if (caller.kind === 'api-key' && !ownKey) {
    throw new ForbiddenError('An API key may revoke only itself: use a bearer token to manage other keys');
  }
  const whose = await keyOwner(caller, request.owner, deps.users);
  if (!(await deps.apiKeys.revoke(request.keyId, whose, now))) {
    throw new NotFoundError(
      whose === caller.username
        ? `No API key '${request.keyId}' of yours`
        : `No API key '${request.keyId}' of '${whose}'`,
    );
  }
  return whose;
}

/** Whose keys the caller may act on: their own always, another account's only with user administration. */
async function keyOwner(caller: Principal, requested: string | undefined, users: Pick<UserStore, 'get'>) {
  if (requested === undefined || requested === caller.username) return caller.username;
  if (!can(caller.role, MANAGE_OTHERS_KEYS)) {
    throw new ForbiddenError(`Only a role with the ${MANAGE_OTHERS_KEYS} permission may manage other users' keys`);
  }
  if (!(await users.get(requested))) throw new NotFoundError(`No user '${requested}'`);
  return requested;
}
