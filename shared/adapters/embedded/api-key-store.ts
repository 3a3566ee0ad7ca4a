/* eslint-disable @typescript-eslint/require-await -- synchronous SQLite behind an async port: `async` turns its throws into rejections */
import type { DatabaseSync } from 'node:sqlite';
import { apiKeySummary, decodeApiKeyCursor, encodeApiKeyCursor } from '#shared/domain/api-keys';
import type { ApiKeyPage, ApiKeyRecord } from '#shared/domain/api-keys';
import { ConflictError } from '#shared/errors';
import type { ApiKeyStore } from '#shared/ports/api-key-store';
import { ensureEmbeddedSchema } from './schema.ts';

/** API keys in the embedded SQLite, keyed by the key's hash. */
export class EmbeddedApiKeyStore implements ApiKeyStore {
  readonly component = 'api-keys';
  readonly adapter = 'embedded';
  private readonly database: DatabaseSync;

  constructor(options: { database: DatabaseSync }) {
    this.database = options.database;
    ensureEmbeddedSchema(this.database);
  }

  async create(record: Omit<ApiKeyRecord, 'lastUsedAt' | 'revokedAt'>): Promise<void> {
    const { changes } = this.database
      .prepare(
        `INSERT INTO api_keys (keyHash, keyId, owner, name, createdAt) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT DO NOTHING`,
      )
      .run(record.keyHash, record.keyId, record.owner, record.name, record.createdAt);
    if (changes === 0) throw new ConflictError('This API key exists already');
  }

  async findByHash(keyHash: string): Promise<ApiKeyRecord | undefined> {
    const row = this.database.prepare('SELECT * FROM api_keys WHERE keyHash = ?').get(keyHash);
    return row && toRecord(row);
  }

  async listByOwner(owner: string, page: { limit: number; cursor?: string }): Promise<ApiKeyPage> {
    const after = page.cursor === undefined ? { createdAt: '', keyId: '' } : decodeApiKeyCursor(owner, page.cursor);
    const rows = this.database
      .prepare(
        `SELECT * FROM api_keys WHERE owner = ? AND (createdAt, keyId) > (?, ?)
         ORDER BY createdAt, keyId LIMIT ?`,
      )
      .all(owner, after.createdAt, after.keyId, page.limit + 1);
    const keys = rows.slice(0, page.limit).map((row) => apiKeySummary(toRecord(row)));
    const last = keys.at(-1);
    return rows.length > page.limit && last ? { keys, cursor: encodeApiKeyCursor(owner, last) } : { keys };
  }

  async countActive(owner: string): Promise<number> {
    const row = this.database
      .prepare('SELECT count(*) AS active FROM api_keys WHERE owner = ? AND revokedAt IS NULL')
      .get(owner);
    return Number(row?.active);
  }

  async revoke(keyId: string, owner: string, at: Date): Promise<boolean> {
    const { changes } = this.database
      .prepare('UPDATE api_keys SET revokedAt = coalesce(revokedAt, ?) WHERE keyId = ? AND owner = ?')
      .run(at.toISOString(), keyId, owner);
    return changes > 0;
  }

  async touch(keyHash: string, at: Date, staleBefore: Date): Promise<void> {
    this.database
      .prepare('UPDATE api_keys SET lastUsedAt = ? WHERE keyHash = ? AND (lastUsedAt IS NULL OR lastUsedAt < ?)')
      .run(at.toISOString(), keyHash, staleBefore.toISOString());
  }

  async check(): Promise<void> {
    this.database.prepare('SELECT 1 FROM api_keys LIMIT 1').get();
  }
}

function toRecord(row: Record<string, unknown>): ApiKeyRecord {
  return {
    keyId: String(row.keyId),
    keyHash: String(row.keyHash),
    owner: String(row.owner),
    name: String(row.name),
    createdAt: String(row.createdAt),
    ...(typeof row.lastUsedAt === 'string' && { lastUsedAt: row.lastUsedAt }),
    ...(typeof row.revokedAt === 'string' && { revokedAt: row.revokedAt }),
  };
}
