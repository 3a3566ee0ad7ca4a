/* eslint-disable @typescript-eslint/require-await -- synchronous SQLite behind an async port: `async` turns its throws into rejections */
import type { DatabaseSync } from 'node:sqlite';
import type { Domain } from '#shared/domain/documents';
import type { SparseVector } from '#shared/domain/keyword-terms';
import type { EmbeddingModel } from '#shared/ports/embedder';
import type {
  ChunkPayload,
  PointFilter,
  ScoredPoint,
  ScrollPage,
  StoredPoint,
  VectorPoint,
  VectorQuery,
  VectorStore,
} from '#shared/ports/vector-store';
import { transaction } from './database.ts';
import { ExactVectorIndex } from './exact-vector-index.ts';
import { ensureEmbeddedSchema } from './schema.ts';

interface PointRow {
  readonly id: string;
  readonly model: string;
  readonly payload: string;
  readonly vector: Uint8Array;
}

/**
 * The vector index in the embedded SQLite: points are stored there (so they survive a restart), and each
 * (domain, model) is searched exactly, by cosine over every vector, from a matrix this process keeps in
 * memory, loaded on its first search and kept in step with every write. One process owns the file (the
 * local runtime), so the matrix never goes stale.
 */
export class EmbeddedVectorStore implements VectorStore {
  readonly component = 'vectors';
  readonly adapter = 'embedded';
  readonly #database: DatabaseSync;
  readonly #indexes = new Map<string, ExactVectorIndex>();

  constructor(options: { database: DatabaseSync }) {
    this.#database = options.database;
    ensureEmbeddedSchema(this.#database);
  }

  async check(): Promise<void> {
    this.#database.prepare('SELECT 1 FROM vector_points LIMIT 1').all();
  }

  async upsert(domain: Domain, model: EmbeddingModel, points: readonly VectorPoint[]): Promise<void> {
    const normalised = points.map((point) => ({ ...point, vector: unit(point.vector, model) }));
    const statement = this.#database.prepare(
      'REPLACE INTO vector_points (domain, id, model, document_id, payload, vector, keywords) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    transaction(this.#database, () => {
      for (const point of normalised) {
        this.#forget(domain, point.id);
        statement.run(
          domain,
          point.id,
          model.name,
          point.payload.documentId,
          JSON.stringify(point.payload),
          new Uint8Array(point.vector.buffer, point.vector.byteOffset, point.vector.byteLength),
          point.keywords === undefined ? null : JSON.stringify(point.keywords),
        );
      }
    });
    const index = this.#indexes.get(indexKey(domain, model.name));
    for (const point of normalised) index?.put(point.id, point.vector, point.payload, point.keywords);
  }

  async search(query: VectorQuery): Promise<ScoredPoint[]> {
    const index = this.#index(query.domain, query.model);
    return index.search(unit(query.vector, query.model), {
      limit: query.limit,
      threshold: query.threshold ?? -Infinity,
      ...(query.filter !== undefined && { filter: query.filter }),
      ...(query.keywords !== undefined && { keywords: query.keywords }),
    });
  }

  async retrieve(
    domain: Domain,
    ids: readonly string[],
    options: { model?: EmbeddingModel; withVectors?: boolean } = {},
  ): Promise<StoredPoint[]> {
    if (ids.length === 0) return [];
    const rows = this.#database
      .prepare(
        `SELECT id, model, payload, vector FROM vector_points WHERE domain = ? AND id IN (${ids.map(() => '?').join(',')}) ORDER BY id`,
      )
      .all(domain, ...ids) as unknown as PointRow[];
    return rows.map((row) => stored(row, options));
  }

  async scroll(
    domain: Domain,
    options: { limit: number; offset?: string; filter?: PointFilter; model?: EmbeddingModel; withVectors?: boolean },
  ): Promise<ScrollPage> {
    const { where, values } = conditions(domain, options.filter);
    const from = options.offset === undefined ? '' : ' AND id >= ?';
    const rows = this.#database
      .prepare(`SELECT id, model, payload, vector FROM vector_points WHERE ${where}${from} ORDER BY id LIMIT ?`)
      .all(
        ...values,
        ...(options.offset === undefined ? [] : [options.offset]),
        options.limit + 1,
      ) as unknown as PointRow[];
    const next = rows.length > options.limit ? rows.pop() : undefined;
    return { points: rows.map((row) => stored(row, options)), ...(next && { nextOffset: next.id }) };
  }

  async count(domain: Domain, filter?: PointFilter): Promise<number> {
    const { where, values } = conditions(domain, filter);
    const row = this.#database.prepare(`SELECT count(*) AS n FROM vector_points WHERE ${where}`).get(...values) as {
      n: number;
    };
    return row.n;
  }

  async deleteDocument(domain: Domain, documentId: string): Promise<void> {
    transaction(this.#database, () => {
      const ids = this.#database
        .prepare('SELECT id FROM vector_points WHERE domain = ? AND document_id = ?')
        .all(domain, documentId) as unknown as { id: string }[];
      for (const { id } of ids) this.#forget(domain, id);
      this.#database.prepare('DELETE FROM vector_points WHERE domain = ? AND document_id = ?').run(domain, documentId);
    });
  }

  /** Drops a point from whichever in-memory index holds it (its model may have changed). */
  #forget(domain: Domain, id: string): void {
    for (const [key, index] of this.#indexes) if (key.startsWith(`${domain}\u0000`)) index.remove(id);
  }

  #index(domain: Domain, model: EmbeddingModel): ExactVectorIndex {
    const key = indexKey(domain, model.name);
    let index = this.#indexes.get(key);
    if (index === undefined) {
      index = new ExactVectorIndex(model.dimensions);
      const rows = this.#database
        .prepare('SELECT id, payload, vector, keywords FROM vector_points WHERE domain = ? AND model = ?')
        .iterate(domain, model.name) as Iterable<Omit<PointRow, 'model'> & { keywords: string | null }>;
      for (const row of rows) {
        const keywords = row.keywords === null ? undefined : (JSON.parse(row.keywords) as SparseVector);
        index.put(row.id, floats(row.vector), JSON.parse(row.payload) as ChunkPayload, keywords);
      }
      this.#indexes.set(key, index);
    }
    return index;
  }
}

function indexKey(domain: Domain, model: string): string {
  return `${domain}\u0000${model}`;
}

/** The vector scaled to length 1 (as Qdrant does for cosine), checked against the model's dimensions. */
function unit(vector: Float32Array | readonly number[], model: EmbeddingModel): Float32Array {
  if (vector.length !== model.dimensions) {
    throw new RangeError(`${model.name} vectors have ${model.dimensions} dimensions, not ${vector.length}`);
  }
  let norm = 0;
  for (const value of vector) norm += value * value;
  norm = Math.sqrt(norm) || 1;
  return Float32Array.from(vector, (value) => value / norm);
}

function floats(blob: Uint8Array): Float32Array {
  // A copy: SQLite's buffer may be unaligned for Float32Array, and is reused.
  const bytes = new Uint8Array(blob);
  return new Float32Array(bytes.buffer, 0, bytes.byteLength / 4);
}

function stored(row: PointRow, options: { model?: EmbeddingModel; withVectors?: boolean }): StoredPoint {
  const payload = JSON.parse(row.payload) as ChunkPayload;
  const withVector = options.withVectors === true && (options.model === undefined || options.model.name === row.model);
  return { id: row.id, payload, ...(withVector && { vector: [...floats(row.vector)] }) };
}

function conditions(domain: Domain, filter: PointFilter = {}): { where: string; values: string[] } {
  const parts = ['domain = ?'];
  const values: string[] = [domain];
  if (filter.documentId !== undefined) {
    parts.push('document_id = ?');
    values.push(filter.documentId);
  }
  if (filter.notDocumentId !== undefined) {
    parts.push('document_id <> ?');
    values.push(filter.notDocumentId);
  }
  if (filter.language !== undefined) {
    parts.push("json_extract(payload, '$.language') = ?");
    values.push(filter.language);
  }
  return { where: parts.join(' AND '), values };
}
