import neo4j, { type Config as DriverConfig, type Driver } from 'neo4j-driver-lite';
import type { Config } from '#shared/config';
import { DependencyError } from '#shared/errors';
import type { SecretStore } from '#shared/ports/secret-store';
import { neo4jCredentials } from './credentials.ts';

export { neo4jCredentials, type Neo4jCredentials } from './credentials.ts';

export type Neo4jSettings = NonNullable<Config['neo4j']>;

type LogLevel = NonNullable<NonNullable<DriverConfig['logging']>['level']>;

/** Where the driver's own warnings and errors go; any logger with these methods (Powertools' included). */
export type Neo4jLogger = Record<LogLevel, (message: string) => void>;

export interface Neo4jDriverOptions {
  /** Required when `settings.secretId` is set. */
  readonly secretStore?: SecretStore;
  /** Without one, the driver logs nothing. */
  readonly logger?: Neo4jLogger;
}

/** The settings this module chooses; a mapped type, since the driver's own `Config` is a class. */
export type Neo4jDriverConfig = Pick<
  DriverConfig,
  | 'maxConnectionPoolSize'
  | 'maxConnectionLifetime'
  | 'connectionAcquisitionTimeout'
  | 'connectionTimeout'
  | 'maxTransactionRetryTime'
  | 'disableLosslessIntegers'
  | 'userAgent'
  | 'logging'
>;

/** Aura closes connections idle for 60 minutes; retire ours before that so no request meets a dead one. */
const MAX_CONNECTION_LIFETIME_MS = 50 * 60 * 1000;

/**
 * Driver settings for Lambda: a container serves one request at a time, so a few connections suffice
 * (connections to Neo4j = concurrency × pool size), and every wait is bounded well inside the
 * function timeout.
 */
export function neo4jDriverConfig(settings: Neo4jSettings, logger?: Neo4jLogger): Neo4jDriverConfig {
  return {
    maxConnectionPoolSize: settings.maxPoolSize,
    maxConnectionLifetime: MAX_CONNECTION_LIFETIME_MS,
    connectionAcquisitionTimeout: 10_000,
    connectionTimeout: 5_000,
    maxTransactionRetryTime: 10_000,
    disableLosslessIntegers: true,
    userAgent: 'yggdrasil/2.0.0',
    logging:
      logger === undefined ? undefined : { level: 'warn', logger: (level, message) => log(logger, level, message) },
  };
}

function log(logger: Neo4jLogger, level: LogLevel, message: string): void {
  logger[level](`neo4j: ${message}`);
}

const drivers = new Map<string, Promise<Driver>>();

/**
 * The container's driver for these settings, created on first use and reused by every later call.
 * When credentials come from a secret, the cache key is the secret id: the username lives inside it.
 *
 * @example
 * const driver = await neo4jDriver(config().neo4j!, { secretStore });
 */
export function neo4jDriver(settings: Neo4jSettings, options: Neo4jDriverOptions = {}): Promise<Driver> {
  const key = `${settings.uri}|${settings.secretId === undefined ? `user:${settings.username}` : `secret:${settings.secretId}`}`;
  const cached = drivers.get(key);
  if (cached !== undefined) return cached;
  const created = createDriver(settings, options);
  drivers.set(key, created);
  // A failed secret read must not stick: the next call tries again.
  created.catch(() => {
    if (drivers.get(key) === created) drivers.delete(key);
  });
  return created;
}

async function createDriver(settings: Neo4jSettings, options: Neo4jDriverOptions): Promise<Driver> {
  const { username, password } = await neo4jCredentials(settings, options.secretStore);
  try {
    return neo4j.driver(
      settings.uri,
      neo4j.auth.basic(username, password),
      neo4jDriverConfig(settings, options.logger),
    );
  } catch (error) {
    throw new DependencyError('graph', 'neo4j driver could not be created', { cause: error });
  }
}

/** True when the server refused the credentials (wrong or rotated password). */
export function isUnauthorized(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    error.code === 'Neo.ClientError.Security.Unauthorized'
  );
}

/**
 * Drops `driver` from the cache and closes it, so the next `neo4jDriver` call reads the credentials again.
 * A driver that is not the cached one (a test's own) is left alone.
 */
export async function forgetNeo4jDriver(driver: Driver): Promise<void> {
  for (const [key, cached] of drivers) {
    if ((await cached.catch(() => undefined)) !== driver) continue;
    drivers.delete(key);
    await driver.close();
  }
}

/** Closes every cached driver (shutdown and tests). */
export async function closeNeo4jDrivers(): Promise<void> {
  const cached = [...drivers.values()];
  drivers.clear();
  const settled = await Promise.allSettled(cached);
  await Promise.all(settled.flatMap((result) => (result.status === 'fulfilled' ? [result.value.close()] : [])));
}
