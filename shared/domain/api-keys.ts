import * as z from 'zod';
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
