/* eslint-disable @typescript-eslint/require-await -- synchronous SQLite behind an async port: `async` turns its throws into rejections */
import type { DatabaseSync } from 'node:sqlite';
import { IdempotencyItemAlreadyExistsError, IdempotencyItemNotFoundError } from '@aws-lambda-powertools/idempotency';
import { BasePersistenceLayer, IdempotencyRecord } from '@aws-lambda-powertools/idempotency/persistence';
import type { IdempotencyStore } from '#shared/ports/idempotency-store';
import { transaction } from './database.ts';
import { ensureEmbeddedSchema } from './schema.ts';

type RecordStatus = ConstructorParameters<typeof IdempotencyRecord>[0]['status'];

/**
 * Idempotency records in the embedded SQLite, with the DynamoDB layer's rules: a record may be written
 * over only when it has expired, or when it is in progress and its lock has lapsed (the request that held
 * it died). The check and the write are one transaction, so of concurrent requests exactly one proceeds.
 */
export class EmbeddedIdempotencyStore extends BasePersistenceLayer implements IdempotencyStore {
  readonly component = 'idempotency';
  readonly adapter = 'embedded';
  private readonly database: DatabaseSync;

  constructor(options: { database: DatabaseSync }) {
    super();
    this.database = options.database;
    ensureEmbeddedSchema(this.database);
  }

  async check(): Promise<void> {
    this.database.prepare('SELECT 1 FROM idempotency LIMIT 1').get();
  }

  protected async _putRecord(record: IdempotencyRecord): Promise<void> {
    const nowMs = Date.now();
    transaction(this.database, () => {
      // Expired records go as DynamoDB's TTL makes them go: lazily.
      this.database.prepare('DELETE FROM idempotency WHERE expiration < ?').run(Math.floor(nowMs / 1000) - 60);
      const row = this.database.prepare('SELECT * FROM idempotency WHERE id = ?').get(record.idempotencyKey);
      if (row && !replaceable(row, nowMs)) {
        throw new IdempotencyItemAlreadyExistsError(
          `Failed to put record for already existing idempotency key: ${record.idempotencyKey}`,
          toRecord(row),
        );
      }
      this.database
        .prepare(
          `INSERT OR REPLACE INTO idempotency (id, status, expiration, inProgressExpiration, validation, data)
           VALUES (?, ?, ?, ?, ?, NULL)`,
        )
        .run(
          record.idempotencyKey,
          record.getStatus(),
          record.expiryTimestamp ?? 0,
          record.inProgressExpiryTimestamp ?? null,
          this.isPayloadValidationEnabled() ? (record.payloadHash ?? null) : null,
        );
    });
  }

  protected async _getRecord(idempotencyKey: string): Promise<IdempotencyRecord> {
    const row = this.database.prepare('SELECT * FROM idempotency WHERE id = ?').get(idempotencyKey);
    if (!row) throw new IdempotencyItemNotFoundError();
    return toRecord(row);
  }

  protected async _updateRecord(record: IdempotencyRecord): Promise<void> {
    this.database
      .prepare(
        `UPDATE idempotency SET status = ?, expiration = ?, data = coalesce(?, data),
         validation = CASE WHEN ? THEN ? ELSE validation END WHERE id = ?`,
      )
      .run(
        record.getStatus(),
        record.expiryTimestamp ?? 0,
        record.responseData === undefined ? null : JSON.stringify(record.responseData),
        this.isPayloadValidationEnabled() ? 1 : 0,
        record.payloadHash ?? null,
        record.idempotencyKey,
      );
  }

  protected async _deleteRecord(record: IdempotencyRecord): Promise<void> {
    this.database.prepare('DELETE FROM idempotency WHERE id = ?').run(record.idempotencyKey);
  }
}

/** DynamoDB's put condition: expired, or in progress with a lapsed lock. */
function replaceable(row: Record<string, unknown>, nowMs: number): boolean {
  if (Number(row.expiration) < nowMs / 1000) return true;
  const lock = row.inProgressExpiration;
  return row.status === 'INPROGRESS' && lock !== null && Number(lock) < nowMs;
}

function toRecord(row: Record<string, unknown>): IdempotencyRecord {
  return new IdempotencyRecord({
    idempotencyKey: String(row.id),
    // The table holds only statuses the library wrote.
    status: String(row.status) as RecordStatus,
    expiryTimestamp: Number(row.expiration),
    ...(row.inProgressExpiration !== null && { inProgressExpiryTimestamp: Number(row.inProgressExpiration) }),
    ...(typeof row.validation === 'string' && { payloadHash: row.validation }),
    // The library stores JSON values only.
    ...(typeof row.data === 'string' && { responseData: JSON.parse(row.data) as RecordData }),
  });
}

type RecordData = ConstructorParameters<typeof IdempotencyRecord>[0]['responseData'];
