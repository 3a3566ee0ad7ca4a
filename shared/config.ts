import * as z from 'zod/mini';
import { EMBEDDING_MODELS } from '#shared/domain/embedding-models';
import type { TaskType } from '#shared/domain/tasks';
import type { TableName } from '#shared/function-definitions';
import '#shared/zod-messages';

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
  secretsBackend: 'SECRETS_BACKEND',
  usersTable: 'USERS_TABLE',
  apiKeysTable: 'API_KEYS_TABLE',
  auditTable: 'AUDIT_TABLE',
  auditRetentionDays: 'AUDIT_RETENTION_DAYS',
  rateLimitsTable: 'RATE_LIMITS_TABLE',
  cacheTable: 'CACHE_TABLE',
  cacheTtlSeconds: 'CACHE_TTL_SECONDS',
  cacheLocalEntries: 'CACHE_LOCAL_ENTRIES',
  rateLimitPrincipal: 'RATE_LIMIT_PRINCIPAL',
  rateLimitTokenIp: 'RATE_LIMIT_TOKEN_IP',
  rateLimitTokenUser: 'RATE_LIMIT_TOKEN_USER',
  rateLimitTokenUserIp: 'RATE_LIMIT_TOKEN_USER_IP',
  rateLimitAnonymous: 'RATE_LIMIT_ANONYMOUS',
  apiKeysPerUser: 'API_KEYS_PER_USER',
  idempotencyTable: 'IDEMPOTENCY_TABLE',
  idempotencyTtlSeconds: 'IDEMPOTENCY_TTL_SECONDS',
  signingKeysSecretId: 'JWT_SIGNING_KEYS_SECRET_ID',
  jwtIssuer: 'JWT_ISSUER',
  jwtAudience: 'JWT_AUDIENCE',
  accessTokenLifetimeSeconds: 'ACCESS_TOKEN_LIFETIME_SECONDS',
  passwordHashCost: 'PASSWORD_HASH_COST',
  apiKeyLastUsedIntervalSeconds: 'API_KEY_LAST_USED_INTERVAL_SECONDS',
  adminUsername: 'ADMIN_USERNAME',
  adminPassword: 'ADMIN_PASSWORD',
  adminSecretId: 'ADMIN_SECRET_ID',
  embedder: 'EMBEDDER',
  embeddingModelDir: 'EMBEDDING_MODEL_DIR',
  onnxEmbeddingModel: 'ONNX_EMBEDDING_MODEL',
  bedrockEmbeddingModelId: 'BEDROCK_EMBEDDING_MODEL_ID',
  qdrantUrl: 'QDRANT_URL',
  qdrantApiKey: 'QDRANT_API_KEY',
  qdrantApiKeySecretId: 'QDRANT_API_KEY_SECRET_ID',
  vectorQuantization: 'VECTOR_QUANTIZATION',
  /** Set by Lambda: `on-demand`, `provisioned-concurrency` or `snap-start`. */
  lambdaInitializationType: 'AWS_LAMBDA_INITIALIZATION_TYPE',
} as const;

/**
 * The variables that point a port at a real service instead of its embedded adapter (besides the
 * `QUEUE_URL_*` of each task): unset them all and everything runs embedded.
 */
export const SERVICE_SELECTORS = [
  ENV.neo4jUri,
  ENV.neo4jSecretId,
  ENV.progressTable,
  ENV.usersTable,
  ENV.apiKeysTable,
  ENV.auditTable,
  ENV.rateLimitsTable,
  ENV.cacheTable,
  ENV.idempotencyTable,
  ENV.secretsBackend,
  ENV.adminSecretId,
  ENV.qdrantUrl,
  ENV.embedder,
] as const;

/** The variable that tells a function each table's name. */
export const TABLE_VARIABLES: Readonly<Record<TableName, string>> = {
  progress: ENV.progressTable,
  users: ENV.usersTable,
  'api-keys': ENV.apiKeysTable,
  audit: ENV.auditTable,
  'rate-limits': ENV.rateLimitsTable,
  cache: ENV.cacheTable,
  idempotency: ENV.idempotencyTable,
};

/** `process-documents` → `QUEUE_URL_PROCESS_DOCUMENTS`. */
export function queueUrlVariable(task: TaskType): string {
  return `QUEUE_URL_${task.toUpperCase().replaceAll('-', '_')}`;
}

const flag = z.pipe(
  z.enum(['true', 'false', '1', '0']),
  z.transform((value) => value === 'true' || value === '1'),
);

const positiveInt = z.coerce.number().check(z.int(), z.gt(0));

/** A rate limit written as `<requests>/<seconds>`, e.g. `120/60`. */
const rateRule = z
  .pipe(
    z.string().check(z.regex(/^\d+\/\d+$/, 'must be <requests>/<seconds>, e.g. 120/60')),
    z.transform((value) => {
      const [limit, windowSeconds] = value.split('/').map(Number) as [number, number];
      return { limit, windowSeconds };
    }),
  )
  .check(z.refine((rule) => rule.limit > 0 && rule.windowSeconds > 0, 'both numbers must be positive'));

const schema = z.object({
  [ENV.dataDir]: z._default(z.string().check(z.minLength(1)), '.yggdrasil'),
  [ENV.inMemory]: z._default(flag, false),
  [ENV.progressTable]: z.optional(z.string().check(z.minLength(3))),
  [ENV.progressTtlSeconds]: z._default(positiveInt, 3600),
  [ENV.neo4jUri]: z.optional(z.url({ protocol: /^(bolt|neo4j)(\+s|\+ssc)?$/ })),
  [ENV.neo4jUsername]: z._default(z.string().check(z.minLength(1)), 'neo4j'),
  [ENV.neo4jPassword]: z.optional(z.string()),
  [ENV.neo4jSecretId]: z.optional(z.string().check(z.minLength(1))),
  [ENV.neo4jDatabase]: z.optional(z.string().check(z.minLength(1))),
  [ENV.neo4jMaxPoolSize]: z._default(positiveInt.check(z.lte(100)), 3),
  [ENV.secretsCacheTtlSeconds]: z._default(z.coerce.number().check(z.int(), z.gte(0)), 300),
  [ENV.corsOrigins]: z.pipe(
    z._default(z.string(), ''),
    z.transform((value) =>
      value
        .split(',')
        .map((origin) => origin.trim())
        .filter(Boolean),
    ),
  ),
  [ENV.awsRegion]: z.optional(z.string().check(z.minLength(1))),
  [ENV.secretsBackend]: z.optional(z.enum(['embedded', 'secrets-manager'])),
  [ENV.usersTable]: z.optional(z.string().check(z.minLength(3))),
  [ENV.apiKeysTable]: z.optional(z.string().check(z.minLength(3))),
  [ENV.auditTable]: z.optional(z.string().check(z.minLength(3))),
  [ENV.auditRetentionDays]: z._default(positiveInt.check(z.lte(3650)), 90),
  [ENV.rateLimitsTable]: z.optional(z.string().check(z.minLength(3))),
  [ENV.cacheTable]: z.optional(z.string().check(z.minLength(3))),
  [ENV.cacheTtlSeconds]: z._default(positiveInt.check(z.lte(86_400)), 300),
  [ENV.cacheLocalEntries]: z._default(z.coerce.number().check(z.int(), z.gte(0), z.lte(100_000)), 1000),
  [ENV.rateLimitPrincipal]: z._default(rateRule, { limit: 120, windowSeconds: 60 }),
  [ENV.rateLimitTokenIp]: z._default(rateRule, { limit: 20, windowSeconds: 60 }),
  [ENV.rateLimitTokenUser]: z._default(rateRule, { limit: 100, windowSeconds: 3600 }),
  [ENV.rateLimitTokenUserIp]: z._default(rateRule, { limit: 5, windowSeconds: 300 }),
  [ENV.rateLimitAnonymous]: z._default(rateRule, { limit: 60, windowSeconds: 60 }),
  [ENV.apiKeysPerUser]: z._default(positiveInt.check(z.lte(1000)), 20),
  [ENV.idempotencyTable]: z.optional(z.string().check(z.minLength(3))),
  [ENV.idempotencyTtlSeconds]: z._default(positiveInt.check(z.lte(7 * 86_400)), 86_400),
  [ENV.signingKeysSecretId]: z._default(z.string().check(z.minLength(1)), 'yggdrasil/jwt-signing-keys'),
  [ENV.jwtIssuer]: z._default(z.string().check(z.minLength(1)), 'yggdrasil'),
  [ENV.jwtAudience]: z._default(z.string().check(z.minLength(1)), 'yggdrasil-api'),
  [ENV.accessTokenLifetimeSeconds]: z._default(positiveInt.check(z.lte(1800)), 1800),
  // log2 of scrypt's N (shared/auth/passwords.ts); 15 is OWASP's N = 2^15 with r = 8, p = 3.
  [ENV.passwordHashCost]: z._default(positiveInt.check(z.gte(4), z.lte(20)), 15),
  [ENV.apiKeyLastUsedIntervalSeconds]: z._default(positiveInt, 300),
  [ENV.adminUsername]: z.optional(z.string().check(z.minLength(1))),
  [ENV.adminPassword]: z.optional(z.string().check(z.minLength(1))),
  [ENV.adminSecretId]: z.optional(z.string().check(z.minLength(1))),
  [ENV.embedder]: z._default(z.enum(['onnx', 'bedrock']), 'onnx'),
  [ENV.embeddingModelDir]: z._default(z.string().check(z.minLength(1)), '.cache/models'),
  // int8 by default: half the CPU per chunk for the same retrieval (bench/eval/RESULTS.md); fp32 on request.
  [ENV.onnxEmbeddingModel]: z._default(
    z.enum([EMBEDDING_MODELS.allMiniLmL6V2Int8.name, EMBEDDING_MODELS.allMiniLmL6V2.name]),
    EMBEDDING_MODELS.allMiniLmL6V2Int8.name,
  ),
  [ENV.bedrockEmbeddingModelId]: z._default(z.string().check(z.minLength(1)), 'amazon.titan-embed-text-v2:0'),
  [ENV.qdrantUrl]: z.optional(z.url({ protocol: /^https?$/ })),
  [ENV.qdrantApiKey]: z.optional(z.string().check(z.minLength(1))),
  [ENV.qdrantApiKeySecretId]: z.optional(z.string().check(z.minLength(1))),
  [ENV.vectorQuantization]: z._default(z.enum(['none', 'int8']), 'none'),
  [ENV.lambdaInitializationType]: z.optional(z.string()),
});

export interface RateRule {
  readonly limit: number;
  readonly windowSeconds: number;
}

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
  /** Secrets Manager in the cloud (the CDK app sets it), the embedded store elsewhere. */
  readonly secretsBackend: 'embedded' | 'secrets-manager';
  readonly corsOrigins: readonly string[];
  readonly tables: {
    readonly users?: string;
    readonly apiKeys?: string;
    readonly audit?: string;
    readonly rateLimits?: string;
    readonly cache?: string;
    readonly idempotency?: string;
  };
  /** How long a create's response is kept for replay under its `Idempotency-Key`. */
  readonly idempotencyTtlSeconds: number;
  /** Keys an account may hold at once (revoked ones do not count). */
  readonly apiKeysPerUser: number;
  /** How long a cached GET response lives, and how many a container keeps in memory (0: none). */
  readonly cache: { readonly ttlSeconds: number; readonly localEntries: number };
  readonly auditRetentionDays: number;
  readonly rateLimits: {
    /** Each account, across its tokens and every API key. */
    readonly principal: RateRule;
    /** Requests without valid credentials to a protected route, per source address. */
    readonly anonymousPerIp: RateRule;
    readonly tokenPerIp: RateRule;
    /** `POST /token` attempts at one account from one address. */
    readonly tokenPerUserAndIp: RateRule;
    /** `POST /token` attempts at one account from every address. */
    readonly tokenPerUser: RateRule;
  };
  readonly tokens: {
    readonly signingKeysSecretId: string;
    readonly issuer: string;
    readonly audience: string;
    readonly lifetimeSeconds: number;
  };
  readonly passwordHashCost: number;
  readonly apiKeyLastUsedIntervalSeconds: number;
  /** The first admin: from these two variables locally, from a secret in the cloud, else generated once. */
  readonly firstAdmin:
    | { readonly kind: 'credentials'; readonly username: string; readonly password: string }
    | { readonly kind: 'secret'; readonly secretId: string }
    | { readonly kind: 'generate' };
  /** `onnx` runs the model in process from `modelDir`; `bedrock` asks Bedrock for `bedrockModelId`. */
  readonly embedding: {
    readonly backend: 'onnx' | 'bedrock';
    readonly modelDir: string;
    /** The model the ONNX backend runs: its vectors are named after it. */
    readonly onnxModel: 'all-minilm-l6-v2' | 'all-minilm-l6-v2-q';
    readonly bedrockModelId: string;
  };
  /** Qdrant when `url` is set (its API key from the secret, else from `apiKey`), else the embedded store. */
  readonly vectors: {
    readonly qdrant?: { readonly url: string; readonly apiKey?: string; readonly apiKeySecretId?: string };
    readonly quantization: 'none' | 'int8';
  };
  /**
   * Lambda initialises this environment before any request reaches it (provisioned concurrency): its init may
   * then do work ahead of the first request that would only move time at an on-demand start.
   */
  readonly initializedAhead: boolean;
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
  const qdrantUrl = settings[ENV.qdrantUrl];
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
    secretsBackend: settings[ENV.secretsBackend] ?? (settings[ENV.neo4jSecretId] ? 'secrets-manager' : 'embedded'),
    corsOrigins: settings[ENV.corsOrigins],
    tables: {
      users: settings[ENV.usersTable],
      apiKeys: settings[ENV.apiKeysTable],
      audit: settings[ENV.auditTable],
      rateLimits: settings[ENV.rateLimitsTable],
      cache: settings[ENV.cacheTable],
      idempotency: settings[ENV.idempotencyTable],
    },
    idempotencyTtlSeconds: settings[ENV.idempotencyTtlSeconds],
    apiKeysPerUser: settings[ENV.apiKeysPerUser],
    cache: { ttlSeconds: settings[ENV.cacheTtlSeconds], localEntries: settings[ENV.cacheLocalEntries] },
    auditRetentionDays: settings[ENV.auditRetentionDays],
    rateLimits: {
      principal: settings[ENV.rateLimitPrincipal],
      anonymousPerIp: settings[ENV.rateLimitAnonymous],
      tokenPerIp: settings[ENV.rateLimitTokenIp],
      tokenPerUserAndIp: settings[ENV.rateLimitTokenUserIp],
      tokenPerUser: settings[ENV.rateLimitTokenUser],
    },
    tokens: {
      signingKeysSecretId: settings[ENV.signingKeysSecretId],
      issuer: settings[ENV.jwtIssuer],
      audience: settings[ENV.jwtAudience],
      lifetimeSeconds: settings[ENV.accessTokenLifetimeSeconds],
    },
    passwordHashCost: settings[ENV.passwordHashCost],
    apiKeyLastUsedIntervalSeconds: settings[ENV.apiKeyLastUsedIntervalSeconds],
    firstAdmin: firstAdminSetting(
      settings[ENV.adminUsername],
      settings[ENV.adminPassword],
      settings[ENV.adminSecretId],
    ),
    embedding: {
      backend: settings[ENV.embedder],
      modelDir: settings[ENV.embeddingModelDir],
      onnxModel: settings[ENV.onnxEmbeddingModel],
      bedrockModelId: settings[ENV.bedrockEmbeddingModelId],
    },
    vectors: {
      qdrant: qdrantUrl
        ? {
            url: qdrantUrl,
            apiKey: settings[ENV.qdrantApiKey],
            apiKeySecretId: settings[ENV.qdrantApiKeySecretId],
          }
        : undefined,
      quantization: settings[ENV.vectorQuantization],
    },
    initializedAhead: settings[ENV.lambdaInitializationType] === 'provisioned-concurrency',
  };
}

function firstAdminSetting(username?: string, password?: string, secretId?: string): Config['firstAdmin'] {
  if (secretId) return { kind: 'secret', secretId };
  if (username && password) return { kind: 'credentials', username, password };
  if (username || password) {
    throw new ConfigError(`Invalid configuration: set both ${ENV.adminUsername} and ${ENV.adminPassword}, or neither`);
  }
  return { kind: 'generate' };
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
