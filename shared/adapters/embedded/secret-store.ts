/* eslint-disable @typescript-eslint/require-await -- synchronous SQLite behind an async port: `async` turns its throws into rejections */
import type { DatabaseSync } from 'node:sqlite';
import { SecretNotFoundError } from '#shared/ports/secret-store';
import type { SecretStore } from '#shared/ports/secret-store';
import { ensureEmbeddedSchema } from './schema.ts';

/** Secret values in the embedded SQLite, so locally generated keys survive a restart. */
export class EmbeddedSecretStore implements SecretStore {
  readonly component = 'secrets';
  readonly adapter = 'embedded';
  private readonly database: DatabaseSync;

  constructor(options: { database: DatabaseSync }) {
    this.database = options.database;
    ensureEmbeddedSchema(this.database);
  }

  async get(secretId: string): Promise<string> {
    const row = this.database.prepare('SELECT value FROM secrets WHERE secretId = ?').get(secretId);
    if (!row) throw new SecretNotFoundError(secretId);
    return String(row.value);
  }

  async put(secretId: string, value: string): Promise<void> {
    this.database
      .prepare(
        'INSERT INTO secrets (secretId, value) VALUES (?, ?) ON CONFLICT (secretId) DO UPDATE SET value = excluded.value',
      )
      .run(secretId, value);
  }

  async check(): Promise<void> {
    this.database.prepare('SELECT 1 FROM secrets LIMIT 1').get();
  }
}
