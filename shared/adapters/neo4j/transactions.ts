import { isRetryableError, type Driver, type ManagedTransaction, type SessionConfig } from 'neo4j-driver-lite';
import { ConflictError, DependencyError, DomainError } from '#shared/errors';
import { forgetNeo4jDriver, isUnauthorized } from './driver.ts';

/** Reports each query's duration and outcome (metrics are wired by the caller). */
export type QueryObserver = (queryType: string, durationMs: number, ok: boolean) => void;

export interface Neo4jTransactionOptions {
  /**
   * A driver, or where to get the container's driver on every call (`() => neo4jDriver(settings)`), so a
   * driver dropped after refused credentials is replaced by one with the current secret.
   */
  readonly driver: Driver | (() => Promise<Driver>);
  /** The server's default database when absent. */
  readonly database?: string;
  readonly onQuery?: QueryObserver;
}

const CONSTRAINT_VIOLATION = 'Neo.ClientError.Schema.ConstraintValidationFailed';

/**
 * Managed transactions for the Neo4j adapters: one session per unit of work, timed and reported to
 * `onQuery`, with the driver's retries for transient failures. Errors leave as the project's error model:
 * a `DomainError` thrown by `work` (to roll back with a clear answer) passes through, a uniqueness
 * violation becomes a `ConflictError`, anything else a `DependencyError` that keeps the driver's error
 * as its cause and says whether retrying later may help.
 */
export class Neo4jTransactions {
  readonly #driver: () => Promise<Driver>;
  readonly #database: string | undefined;
  readonly #onQuery: QueryObserver | undefined;

  constructor(options: Neo4jTransactionOptions) {
    const { driver } = options;
    this.#driver = typeof driver === 'function' ? driver : () => Promise.resolve(driver);
    this.#database = options.database;
    this.#onQuery = options.onQuery;
  }

  read<T>(queryType: string, work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    return this.#run(queryType, 'read', work);
  }

  write<T>(queryType: string, work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    return this.#run(queryType, 'write', work);
  }

  async #run<T>(queryType: string, mode: 'read' | 'write', work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
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
      throw toProjectError(queryType, error);
    } finally {
      this.#onQuery?.(queryType, performance.now() - started, ok);
    }
  }
}

function toProjectError(queryType: string, error: unknown): Error {
  if (error instanceof DomainError || error instanceof DependencyError) return error;
  const code = codeOf(error);
  if (code === CONSTRAINT_VIOLATION) return new ConflictError('A record with this id already exists');
  return new DependencyError('graph', `neo4j ${queryType} failed${code === undefined ? '' : ` (${code})`}`, {
    cause: error,
    // Refused credentials are retried too: the next attempt reads the (rotated) secret again. So is a wait for a
    // pooled connection that ran out (the driver gives it no code): the server or the container was busy, which
    // says nothing about the work.
    transient: isRetryableError(error) || isUnauthorized(error) || isAcquisitionTimeout(error),
  });
}

function isAcquisitionTimeout(error: unknown): boolean {
  return error instanceof Error && error.message.startsWith('Connection acquisition timed out');
}

function codeOf(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
    ? error.code
    : undefined;
}
