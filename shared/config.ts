import * as z from 'zod';
import type { TaskType } from '#functions/manifest';

/**
 * Environment variable names, shared by the runtime and the CDK app so they cannot drift.
 */
export const ENV = {
  dataDir: 'YGG_DATA_DIR',
  inMemory: 'YGG_IN_MEMORY',
  progressTable: 'PROGRESS_TABLE',
  progressTtlSeconds: 'PROGRESS_TTL_SECONDS',
  neo4jUri: 'NEO4J_URI',
  neo4jUsername: 'NEO4J_USERNAME',
  neo4jPassword: 'NEO4J_PASSWORD',
  neo4jSecretId: 'NEO4J_SECRET_ID',
  neo4jDatabase: 'NEO4J_DATABASE',
  neo4jMaxPoolSize: 'NEO4J_MAX_POOL_SIZE',
  secretsCacheTtlSeconds: 'SECRETS_CACHE_TTL_SECONDS',
  corsOrigins: 'CORS_ORIGINS',
  awsRegion: 'AWS_REGION',
} as const;

/** `process-documents` → `QUEUE_URL_PROCESS_DOCUMENTS`. */
export function queueUrlVariable(task: TaskType): string {
  return `QUEUE_URL_${task.toUpperCase().replaceAll('-', '_')}`;
}

const flag = z
  .enum(['true', 'false', '1', '0'])
  .transform((value) => value === 'true' || value === '1');

const positiveInt = z.coerce.number().int().positive();

const schema = z.object({
  [ENV.dataDir]: z.string().min(1).default('.yggdrasil'),
  [ENV.inMemory]: flag.default(false),
  [ENV.progressTable]: z.string().min(3).optional(),
  [ENV.progressTtlSeconds]: positiveInt.default(3600),
  [ENV.neo4jUri]: z.url({ protocol: /^(bolt|neo4j)(\+s|\+ssc)?$/ }).optional(),
  [ENV.neo4jUsername]: z.string().min(1).default('neo4j'),
  [ENV.neo4jPassword]: z.string().optional(),
  [ENV.neo4jSecretId]: z.string().min(1).optional(),
  [ENV.neo4jDatabase]: z.string().min(1).optional(),
  [ENV.neo4jMaxPoolSize]: positiveInt.max(100).default(3),
  [ENV.secretsCacheTtlSeconds]: z.coerce.number().int().nonnegative().default(300),
  [ENV.corsOrigins]: z
    .string()
    .default('')
    .transform((value) => value.split(',').map((origin) => origin.trim()).filter(Boolean)),
  [ENV.awsRegion]: z.string().min(1).optional(),
});

export interface Config {
  readonly dataDir: string;
  readonly inMemory: boolean;
  readonly progress: { readonly table?: string; readonly ttlSeconds: number };
  readonly neo4j?: {
    readonly uri: string;
    readonly database?: string;
    readonly maxPoolSize: number;
    /** Credentials come from Secrets Manager when set, else from the username/password below. */
    readonly secretId?: string;
    readonly username: string;
    readonly password?: string;
  };
  readonly queueUrls: Partial<Record<TaskType, string>>;
  readonly secretsCacheTtlSeconds: number;
  readonly corsOrigins: readonly string[];
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/**
 * Reads and checks every setting. A missing or malformed setting throws a `ConfigError` that names it,
 * so a bad deployment fails at cold start rather than on the first request that needs the setting.
 */
export function loadConfig(env: NodeJS.ProcessEnv, tasks: readonly TaskType[] = ['process-documents']): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  }
  const settings = parsed.data;
  const uri = settings[ENV.neo4jUri];
  const queueUrls: Partial<Record<TaskType, string>> = {};
  for (const task of tasks) {
    const url = env[queueUrlVariable(task)];
    if (url === undefined || url === '') continue;
    if (!URL.canParse(url)) throw new ConfigError(`Invalid configuration: ${queueUrlVariable(task)}: not a URL`);
    queueUrls[task] = url;
  }
  return {
    dataDir: settings[ENV.dataDir],
    inMemory: settings[ENV.inMemory],
    progress: { table: settings[ENV.progressTable], ttlSeconds: settings[ENV.progressTtlSeconds] },
    neo4j: uri
      ? {
          uri,
          database: settings[ENV.neo4jDatabase],
          maxPoolSize: settings[ENV.neo4jMaxPoolSize],
          secretId: settings[ENV.neo4jSecretId],
          username: settings[ENV.neo4jUsername],
          password: settings[ENV.neo4jPassword],
        }
      : undefined,
    queueUrls,
    secretsCacheTtlSeconds: settings[ENV.secretsCacheTtlSeconds],
    corsOrigins: settings[ENV.corsOrigins],
  };
}

let current: Config | undefined;

/** The process's configuration, read once. */
export function config(): Config {
  current ??= loadConfig(process.env);
  return current;
}

/** Forget the cached configuration (tests and the local runtime change the environment). */
export function resetConfig(): void {
  current = undefined;
}
