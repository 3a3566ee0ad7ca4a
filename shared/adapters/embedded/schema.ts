import type { DatabaseSync } from 'node:sqlite';
import { transaction } from './database.ts';

/**
 * The embedded database's schema version, kept in the file as `PRAGMA user_version`. Raise it, and add the step
 * to `migrate`, with every change to the tables below: a file already at this version is not touched again.
 */
export const EMBEDDED_SCHEMA_VERSION = 1;

/**
 * Every table of the embedded adapters, in one place, so that one read of `user_version` tells whether a file
 * has them all (each store used to run its own DDL on construction, and a cold start created the tables its
 * data directory lacked). The comments name the store each table belongs to.
 */
const TABLES = `
  -- EmbeddedUserStore, EmbeddedApiKeyStore, EmbeddedSecretStore
  CREATE TABLE IF NOT EXISTS users (
    username TEXT PRIMARY KEY, role TEXT NOT NULL, passwordHash TEXT NOT NULL,
    disabled INTEGER NOT NULL, createdAt TEXT NOT NULL, updatedAt TEXT NOT NULL,
    tokenVersion INTEGER NOT NULL DEFAULT 0, loginGeneration INTEGER NOT NULL DEFAULT 0);
  CREATE TABLE IF NOT EXISTS api_keys (
    keyHash TEXT PRIMARY KEY, keyId TEXT NOT NULL UNIQUE, owner TEXT NOT NULL, name TEXT NOT NULL,
    createdAt TEXT NOT NULL, lastUsedAt TEXT, revokedAt TEXT);
  CREATE INDEX IF NOT EXISTS api_keys_by_owner ON api_keys (owner, createdAt);
  CREATE TABLE IF NOT EXISTS secrets (secretId TEXT PRIMARY KEY, value TEXT NOT NULL);

  -- EmbeddedAuditLog
  CREATE TABLE IF NOT EXISTS audit (
    at TEXT NOT NULL, id TEXT NOT NULL, actor TEXT NOT NULL, expiresAt INTEGER NOT NULL, entry TEXT NOT NULL,
    PRIMARY KEY (at, id)
  );
  CREATE INDEX IF NOT EXISTS audit_by_actor ON audit (actor, at, id);
  CREATE INDEX IF NOT EXISTS audit_by_expiry ON audit (expiresAt);

  -- EmbeddedRateLimiter, EmbeddedCache, EmbeddedIdempotencyStore, EmbeddedProgressStore
  CREATE TABLE IF NOT EXISTS rate_limits (bucket TEXT PRIMARY KEY, hits INTEGER NOT NULL, expiresAt INTEGER NOT NULL);
  CREATE INDEX IF NOT EXISTS rate_limits_by_expiry ON rate_limits (expiresAt);
  CREATE TABLE IF NOT EXISTS cache (key TEXT PRIMARY KEY, value TEXT NOT NULL, expiresAt INTEGER NOT NULL);
  CREATE INDEX IF NOT EXISTS cache_by_expiry ON cache (expiresAt);
  CREATE TABLE IF NOT EXISTS idempotency (
    id TEXT PRIMARY KEY, status TEXT NOT NULL, expiration INTEGER NOT NULL,
    inProgressExpiration INTEGER, validation TEXT, data TEXT);
  CREATE INDEX IF NOT EXISTS idempotency_by_expiration ON idempotency (expiration);
  CREATE TABLE IF NOT EXISTS progress (taskId TEXT PRIMARY KEY, record TEXT NOT NULL, expiresAt INTEGER NOT NULL);
  CREATE INDEX IF NOT EXISTS progress_newest ON progress
    (json_extract(record, '$.createdAt') DESC, taskId DESC);

  -- EmbeddedTaskQueue: every queue in one table, keyed by queue name; a dead letter has dead_lettered_at set
  CREATE TABLE IF NOT EXISTS queue_messages (
    seq INTEGER PRIMARY KEY,
    queue TEXT NOT NULL,
    message_id TEXT NOT NULL UNIQUE,
    body TEXT NOT NULL,
    sent_at INTEGER NOT NULL,
    visible_at INTEGER NOT NULL,
    receive_count INTEGER NOT NULL DEFAULT 0,
    first_received_at INTEGER,
    receipt_handle TEXT UNIQUE,
    dead_lettered_at INTEGER,
    dead_letter_reason TEXT
  );
  CREATE INDEX IF NOT EXISTS queue_messages_waiting ON queue_messages (queue, visible_at)
    WHERE dead_lettered_at IS NULL;

  -- EmbeddedGraphStore
  CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    text TEXT NOT NULL,
    domain TEXT NOT NULL,
    source TEXT,
    content_hash TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS documents_domain ON documents (domain);

  -- EmbeddedKnowledgeStore
  CREATE TABLE IF NOT EXISTS concepts (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    description TEXT,
    domain TEXT NOT NULL,
    type TEXT NOT NULL,
    level TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL
  );
  CREATE INDEX IF NOT EXISTS concepts_by_name ON concepts (name, id);
  CREATE INDEX IF NOT EXISTS concepts_by_domain ON concepts (domain, name, id);
  CREATE TABLE IF NOT EXISTS concept_relations (
    from_id TEXT NOT NULL,
    to_id TEXT NOT NULL,
    type TEXT NOT NULL,
    strength REAL NOT NULL,
    PRIMARY KEY (from_id, to_id, type)
  );
  CREATE INDEX IF NOT EXISTS concept_relations_by_to ON concept_relations (to_id);
  CREATE TABLE IF NOT EXISTS claims (
    id TEXT PRIMARY KEY,
    text TEXT NOT NULL,
    domain TEXT NOT NULL,
    confidence REAL,
    verified INTEGER NOT NULL,
    source TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL
  );
  CREATE INDEX IF NOT EXISTS claims_by_created ON claims (created_at, id);
  CREATE TABLE IF NOT EXISTS evidence (
    id TEXT PRIMARY KEY,
    claim_id TEXT NOT NULL,
    text TEXT NOT NULL,
    source TEXT NOT NULL,
    confidence REAL NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS evidence_by_claim ON evidence (claim_id, created_at, id);

  -- EmbeddedDocumentKnowledgeStore: entities (unique by name and domain), the documents' MENTIONS and ABOUT links
  CREATE TABLE IF NOT EXISTS document_analysis (
    document_id TEXT PRIMARY KEY,
    language TEXT NOT NULL,
    language_confidence REAL NOT NULL,
    summary TEXT NOT NULL,
    sentiment_label TEXT NOT NULL,
    sentiment_score REAL NOT NULL,
    key_phrases TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS document_analysis_by_language ON document_analysis (language);
  CREATE TABLE IF NOT EXISTS entities (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    domain TEXT NOT NULL,
    type TEXT NOT NULL,
    UNIQUE (name, domain)
  );
  CREATE INDEX IF NOT EXISTS entities_by_domain ON entities (domain, name, id);
  CREATE TABLE IF NOT EXISTS document_entities (
    document_id TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    mentions INTEGER NOT NULL,
    PRIMARY KEY (document_id, entity_id)
  );
  CREATE INDEX IF NOT EXISTS document_entities_by_entity ON document_entities (entity_id);
  CREATE TABLE IF NOT EXISTS document_concepts (
    document_id TEXT NOT NULL,
    concept_id TEXT NOT NULL,
    confidence REAL NOT NULL,
    PRIMARY KEY (document_id, concept_id)
  );
  CREATE INDEX IF NOT EXISTS document_concepts_by_concept ON document_concepts (concept_id);

  -- EmbeddedVectorStore
  CREATE TABLE IF NOT EXISTS vector_points (
    domain TEXT NOT NULL,
    id TEXT NOT NULL,
    model TEXT NOT NULL,
    document_id TEXT NOT NULL,
    payload TEXT NOT NULL,
    vector BLOB NOT NULL,
    keywords TEXT,
    PRIMARY KEY (domain, id)
  );
  CREATE INDEX IF NOT EXISTS vector_points_by_document ON vector_points (domain, document_id);
`;

/** Columns added to tables after their first release: a file made before has the table without them. */
const ADDED_COLUMNS: readonly { readonly table: string; readonly column: string; readonly definition: string }[] = [
  { table: 'users', column: 'tokenVersion', definition: 'INTEGER NOT NULL DEFAULT 0' },
  { table: 'users', column: 'loginGeneration', definition: 'INTEGER NOT NULL DEFAULT 0' },
  { table: 'queue_messages', column: 'dead_letter_reason', definition: 'TEXT' },
  // Points stored before hybrid search have no keywords: they are found by meaning only.
  { table: 'vector_points', column: 'keywords', definition: 'TEXT' },
];

const current = new WeakSet<DatabaseSync>();

/**
 * Brings the database's tables to `EMBEDDED_SCHEMA_VERSION`. Every embedded store calls it on construction; per
 * connection only the first call reads `user_version` (one statement), and only a file below the version (new,
 * or made by an older release) runs the DDL, in one transaction.
 */
export function ensureEmbeddedSchema(database: DatabaseSync): void {
  if (current.has(database)) return;
  if (schemaVersion(database) < EMBEDDED_SCHEMA_VERSION) {
    // Another process may have migrated the file between the read above and taking the write lock.
    transaction(database, () => {
      if (schemaVersion(database) < EMBEDDED_SCHEMA_VERSION) migrate(database);
    });
  }
  current.add(database);
}

/** The file's `user_version`: 0 for a new file or one from before the version was kept. */
export function schemaVersion(database: DatabaseSync): number {
  return Number(database.prepare('PRAGMA user_version').get()?.user_version ?? 0);
}

/** From any earlier file: the tables and indexes it lacks are created, the columns it lacks added, nothing dropped. */
function migrate(database: DatabaseSync): void {
  database.exec(TABLES);
  for (const { table, column, definition } of ADDED_COLUMNS) {
    const columns = database.prepare(`SELECT name FROM pragma_table_info('${table}')`).all();
    if (!columns.some((row) => row.name === column)) {
      database.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${definition}`);
    }
  }
  database.exec(`PRAGMA user_version = ${EMBEDDED_SCHEMA_VERSION}`);
}
