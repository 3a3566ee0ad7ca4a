/* eslint-disable @typescript-eslint/require-await -- synchronous SQLite behind an async port: `async` turns its throws into rejections */
import type { DatabaseSync } from 'node:sqlite';
import { isDomain, storedDocumentFields, type KnowledgeDocument } from '#shared/domain/documents';
import { DependencyError } from '#shared/errors';
import type { GraphStore } from '#shared/ports/graph-store';
import { ensureEmbeddedSchema } from './schema.ts';

const UPSERT = `
  INSERT INTO documents (id, title, text, domain, source, content_hash, created_at, updated_at)
  VALUES (:id, :title, :text, :domain, :source, :contentHash, :now, :now)
  ON CONFLICT (id) DO UPDATE SET
    title = excluded.title,
    text = excluded.text,
    domain = excluded.domain,
    source = excluded.source,
    content_hash = excluded.content_hash,
    updated_at = excluded.updated_at
`;

const SELECT = 'SELECT id, title, text, domain, source, content_hash FROM documents WHERE id = ?';

/** The graph on the embedded SQLite database: documents only, enough for the local runtime and tests. */
export class EmbeddedGraphStore implements GraphStore {
  readonly component = 'graph';
  readonly adapter = 'embedded';
  readonly #database: DatabaseSync;

  constructor(options: { database: DatabaseSync }) {
    this.#database = options.database;
    ensureEmbeddedSchema(this.#database);
  }

  async saveDocument(document: KnowledgeDocument): Promise<void> {
    this.#run('saveDocument', () => {
      upsertDocumentRow(this.#database, document);
    });
  }

  async getDocument(id: string): Promise<KnowledgeDocument | undefined> {
    const row = this.#run('getDocument', () => this.#database.prepare(SELECT).get(id));
    return row === undefined ? undefined : toDocument(row);
  }

  async deleteDocument(id: string): Promise<boolean> {
    const result = this.#run('deleteDocument', () =>
      this.#database.prepare('DELETE FROM documents WHERE id = ?').run(id),
    );
    return Number(result.changes) > 0;
  }

  async migrate(): Promise<void> {
    this.#run('migrate', () => ensureEmbeddedSchema(this.#database));
  }

  /** The database is shared with the other embedded adapters; whoever opened it closes it. */
  async close(): Promise<void> {}

  async check(): Promise<void> {
    this.#run('check', () => this.#database.prepare('SELECT 1').get());
  }

  #run<T>(operation: string, work: () => T): T {
    try {
      return work();
    } catch (error) {
      throw new DependencyError('graph', `embedded ${operation} failed`, { cause: error });
    }
  }
}

function toDocument(row: Record<string, unknown>): KnowledgeDocument {
  const { id, title, text, domain, source, content_hash: contentHash } = row;
  if (
    typeof id !== 'string' ||
    typeof title !== 'string' ||
    typeof text !== 'string' ||
    typeof contentHash !== 'string' ||
    !isDomain(domain)
  ) {
    throw new DependencyError('graph', `embedded document '${String(id)}' is malformed`);
  }
  return { id, title, text, domain, ...(typeof source === 'string' ? { source } : {}), contentHash };
}

/** Inserts or updates a document's row, as `saveDocument` does: for a store that writes it in its own transaction. */
export function upsertDocumentRow(database: DatabaseSync, document: KnowledgeDocument): void {
  database.prepare(UPSERT).run({ ...storedDocumentFields(document), now: new Date().toISOString() });
}
