import type { Driver, ManagedTransaction, SessionConfig } from 'neo4j-driver';
import { DOMAINS, type Domain, type KnowledgeDocument } from '#shared/domain/documents';
import { DependencyError } from '#shared/errors';
import type { GraphStore } from '#shared/ports/graph-store';
import { forgetNeo4jDriver, isUnauthorized } from './driver.ts';
import { isAlreadyExists, MIGRATIONS } from './migrations.ts';

// The stale-edge cleanup keeps one IN_DOMAIN edge even if a document's domain ever changes.
const SAVE_DOCUMENT = `
  MERGE (d:Document {id: $id})
  ON CREATE SET d.createdAt = datetime()
  SET d.title = $title, d.text = $text, d.domain = $domain, d.source = $source,
      d.contentHash = $contentHash, d.updatedAt = datetime()
  MERGE (dom:Domain {name: $domain})
  MERGE (d)-[:IN_DOMAIN]->(dom)
  WITH d
  OPTIONAL MATCH (d)-[stale:IN_DOMAIN]->(other:Domain)
  WHERE other.name <> $domain
  DELETE stale
`;

const GET_DOCUMENT = `
  MATCH (d:Document {id: $id})
  RETURN d {.id, .title, .text, .domain, .source, .contentHash} AS document
`;

/** Reports each query's duration and outcome (metrics are wired by the caller). */
export type QueryObserver = (queryType: string, durationMs: number, ok: boolean) => void;

export interface Neo4jGraphStoreOptions {
  /**
   * A driver, or where to get the container's driver on every call (`() => neo4jDriver(settings)`), so a
   * driver dropped after refused credentials is replaced by one with the current secret.
   */
  readonly driver: Driver | (() => Promise<Driver>);
  /** The server's default database when absent. */
  readonly database?: string;
  readonly onQuery?: QueryObserver;
}

/**
 * The knowledge graph on Neo4j. Saves are idempotent (MERGE on the document id; race-free once
 * `migrate` has created the uniqueness constraints). The driver belongs to `driver.ts`: `close` leaves it open.
 */
export class Neo4jGraphStore implements GraphStore {
  readonly component = 'graph';
  readonly adapter = 'neo4j';
  readonly #driver: () => Promise<Driver>;
  readonly #database: string | undefined;
  readonly #onQuery: QueryObserver | undefined;

  constructor(options: Neo4jGraphStoreOptions) {
    const { driver } = options;
    this.#driver = typeof driver === 'function' ? driver : () => Promise.resolve(driver);
    this.#database = options.database;
    this.#onQuery = options.onQuery;
  }

  async saveDocument(document: KnowledgeDocument): Promise<void> {
    await this.#transaction('saveDocument', 'write', (tx) =>
      tx.run(SAVE_DOCUMENT, {
        id: document.id,
        title: document.title,
        text: document.text,
        domain: document.domain,
        source: document.source ?? null,
        contentHash: document.contentHash,
      }),
    );
  }

  async getDocument(id: string): Promise<KnowledgeDocument | undefined> {
    const result = await this.#transaction('getDocument', 'read', (tx) => tx.run(GET_DOCUMENT, { id }));
    const document: unknown = result.records[0]?.get('document');
    return document === undefined ? undefined : toDocument(document);
  }

  async migrate(): Promise<void> {
    for (const statement of MIGRATIONS) {
      try {
        await this.#transaction('migrate', 'write', (tx) => tx.run(statement));
      } catch (error) {
        if (!(error instanceof DependencyError && isAlreadyExists(error.cause))) throw error;
      }
    }
  }

  async close(): Promise<void> {}

  async check(): Promise<void> {
    await this.#transaction('check', 'read', (tx) => tx.run('RETURN 1'));
  }

  async #transaction<T>(
    queryType: string,
    mode: 'read' | 'write',
    work: (tx: ManagedTransaction) => Promise<T>,
  ): Promise<T> {
    const started = performance.now();
    let ok = false;
    let driver: Driver | undefined;
    try {
      driver = await this.#driver();
      const sessionConfig: Pick<SessionConfig, 'database'> = { database: this.#database };
      const session = driver.session(sessionConfig);
      try {
        const result = mode === 'read' ? await session.executeRead(work) : await session.executeWrite(work);
        ok = true;
        return result;
      } finally {
        await session.close();
      }
    } catch (error) {
      // Closing the refused driver must not hide why it was refused.
      if (driver !== undefined && isUnauthorized(error)) await forgetNeo4jDriver(driver).catch(() => undefined);
      if (error instanceof DependencyError) throw error;
      throw new DependencyError('graph', `neo4j ${queryType} failed${codeOf(error)}`, { cause: error });
    } finally {
      this.#onQuery?.(queryType, performance.now() - started, ok);
    }
  }
}

function codeOf(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
    ? ` (${error.code})`
    : '';
}

function toDocument(value: unknown): KnowledgeDocument {
  const { id, title, text, domain, source, contentHash } = (value ?? {}) as Record<string, unknown>;
  if (
    typeof id !== 'string' ||
    typeof title !== 'string' ||
    typeof text !== 'string' ||
    typeof contentHash !== 'string' ||
    !isDomain(domain)
  ) {
    throw new DependencyError('graph', `neo4j document '${String(id)}' is malformed`);
  }
  return { id, title, text, domain, ...(typeof source === 'string' ? { source } : {}), contentHash };
}

function isDomain(value: unknown): value is Domain {
  return (DOMAINS as readonly unknown[]).includes(value);
}
