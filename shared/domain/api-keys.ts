import * as z from 'zod/mini';
import { CURSOR_MAX_LENGTH, cursorScope, decodeCursor, encodeCursor } from './cursor.ts';
import { userText } from './text.ts';

/** An API key as the store keeps it: the key itself is never stored, only its hash. */
export interface ApiKeyRecord {
  /** Short public id, for listing and revoking; not a secret. */
  readonly keyId: string;
  /** SHA-256 of the key, hex. */
  readonly keyHash: string;
  /** Username of the owner; the key acts with the owner's current role. */
  readonly owner: string;
  readonly name: string;
  readonly createdAt: string;
  readonly lastUsedAt?: string;
  readonly revokedAt?: string;
}

/** What a key's owner may see of it: everything but the hash. */
export type ApiKeySummary = Omit<ApiKeyRecord, 'keyHash'>;

/** Field by field, so that a secret field added to `ApiKeyRecord` later is not shown by default. */
export function apiKeySummary(record: ApiKeyRecord): ApiKeySummary {
  const { keyId, owner, name, createdAt, lastUsedAt, revokedAt } = record;
  return {
    keyId,
    owner,
    name,
    createdAt,
    ...(lastUsedAt !== undefined && { lastUsedAt }),
    ...(revokedAt !== undefined && { revokedAt }),
  };
}

/** Body of `POST /api-keys`. */
export const createApiKeySchema = z.strictObject({
  name: userText({ max: 100 }),
});
export type CreateApiKeyInput = z.infer<typeof createApiKeySchema>;

export const API_KEY_LIST_LIMITS = { maxPageSize: 100, defaultPageSize: 50 } as const;

/** Query of the key list (besides `owner`). */
export const apiKeyListQuerySchema = z.object({
  limit: z._default(
    z.coerce.number().check(z.int(), z.gte(1), z.lte(API_KEY_LIST_LIMITS.maxPageSize)),
    API_KEY_LIST_LIMITS.defaultPageSize,
  ),
  cursor: z.optional(z.string().check(z.minLength(1), z.maxLength(CURSOR_MAX_LENGTH))),
});
export type ApiKeyListQuery = z.infer<typeof apiKeyListQuerySchema>;

export interface ApiKeyPage {
  /** Oldest first. */
  readonly keys: readonly ApiKeySummary[];
  /** Pass back to get the next page; absent when there is none. */
  readonly cursor?: string;
}

/** Where a page of one owner's keys resumes: after this key, in (createdAt, keyId) order. Never a hash. */
export interface ApiKeyPosition {
  readonly createdAt: string;
  readonly keyId: string;
}

const apiKeyPosition = z.strictObject({
  createdAt: z.iso.datetime(),
  keyId: z.string().check(z.minLength(1), z.maxLength(64)),
});

/** The opaque cursor both key stores issue: bound to the owner, so it cannot page through another's keys. */
export function encodeApiKeyCursor(owner: string, last: ApiKeyPosition): string {
  return encodeCursor(cursorScope('api-keys', { owner }), { createdAt: last.createdAt, keyId: last.keyId });
}

/** The key a cursor resumes after; a cursor not made by `encodeApiKeyCursor` for `owner` is a `ValidationError`. */
export function decodeApiKeyCursor(owner: string, cursor: string): ApiKeyPosition {
  return decodeCursor(cursor, cursorScope('api-keys', { owner }), apiKeyPosition);
}

/** Whether `key` comes after `position` in the list order. */
export function isAfter(key: ApiKeyPosition, position: ApiKeyPosition): boolean {
  return key.createdAt > position.createdAt || (key.createdAt === position.createdAt && key.keyId > position.keyId);
}

/** The list order: oldest first, ties by key id. */
export function byCreation(a: ApiKeyPosition, b: ApiKeyPosition): number {
  return a.createdAt === b.createdAt ? (a.keyId < b.keyId ? -1 : 1) : a.createdAt < b.createdAt ? -1 : 1;
}
