import { createHash, randomBytes } from 'node:crypto';
import type { ApiKeySummary } from '#shared/domain/api-keys';
import { NotFoundError } from '#shared/errors';
import type { ApiKeyStore } from '#shared/ports/api-key-store';

export const API_KEY_PREFIX = 'mcp_';
/** `mcp_` and 32 random bytes in base64url (43 characters). */
const API_KEY_FORMAT = /^mcp_[A-Za-z0-9_-]{43}$/;

/** A freshly issued key: `key` is shown to its owner once and never stored. */
export interface IssuedApiKey {
  readonly key: string;
  readonly summary: ApiKeySummary;
}

/**
 * SHA-256 of the key, hex. A key is 256 random bits, so it cannot be guessed or brute-forced from its
 * hash; a slow password hash would add nothing but latency on every request, and a fast deterministic
 * hash lets the store find the key by it.
 */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** Whether a presented value could be one of our keys; others are refused without a store read. */
export function looksLikeApiKey(value: string): boolean {
  return API_KEY_FORMAT.test(value);
}

/**
 * Makes a key for `owner` and stores only its hash.
 *
 * @example
 * const { key, summary } = await issueApiKey(apiKeys, { owner: 'ada', name: 'ci' }, new Date());
 */
export async function issueApiKey(
  store: ApiKeyStore,
  request: { readonly owner: string; readonly name: string },
  now: Date,
): Promise<IssuedApiKey> {
  const key = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  const summary: ApiKeySummary = {
    keyId: randomBytes(12).toString('base64url'),
    owner: request.owner,
    name: request.name,
    createdAt: now.toISOString(),
  };
  await store.create({ ...summary, keyHash: hashApiKey(key) });
  return { key, summary };
}

/** Revokes one of the owner's keys; another owner's key or an unknown id is a `NotFoundError`. */
export async function revokeApiKey(store: ApiKeyStore, keyId: string, owner: string, now: Date): Promise<void> {
  if (!(await store.revoke(keyId, owner, now))) throw new NotFoundError(`No API key '${keyId}' of yours`);
}
