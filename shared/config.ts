import * as z from 'zod';
import { EMBEDDING_MODELS } from '#shared/domain/embedding-models';
import type { TaskType } from '#shared/domain/tasks';
import type { TableName } from '#shared/function-definitions';

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

const flag = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');

const positiveInt = z.coerce.number().int().positive();

/** A rate limit written as `<requests>/<seconds>`, e.g. `120/60`. */
const rateRule = z
  .string()
  .regex(/^\d+\/\d+$/, 'must be <requests>/<seconds>, e.g. 120/60')
  .transform((value) => {
    const [limit, windowSeconds] = value.split('/').map(Number) as [number, number];
    return { limit, windowSeconds };
  })
  .refine((rule) => rule.limit > 0 && rule.windowSeconds > 0, 'both numbers must be positive');

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
    .transform((value) =>
      value
        .split(',')
        .map((origin) => origin.trim())
        .filter(Boolean),
    ),
  [ENV.awsRegion]: z.string().min(1).optional(),
  [ENV.secretsBackend]: z.enum(['embedded', 'secrets-manager']).optional(),
  [ENV.usersTable]: z.string().min(3).optional(),
  [ENV.apiKeysTable]: z.string().min(3).optional(),
  [ENV.auditTable]: z.string().min(3).optional(),
  [ENV.auditRetentionDays]: positiveInt.max(3650).default(90),
  [ENV.rateLimitsTable]: z.string().min(3).optional(),
  [ENV.cacheTable]: z.string().min(3).optional(),
  [ENV.cacheTtlSeconds]: positiveInt.max(86_400).default(300),
  [ENV.cacheLocalEntries]: z.coerce.number().int().nonnegative().max(100_000).default(1000),
  [ENV.rateLimitPrincipal]: rateRule.default({ limit: 120, windowSeconds: 60 }),
  [ENV.rateLimitTokenIp]: rateRule.default({ limit: 20, windowSeconds: 60 }),
  [ENV.rateLimitTokenUser]: rateRule.default({ limit: 100, windowSeconds: 3600 }),
  [ENV.rateLimitTokenUserIp]: rateRule.default({ limit: 5, windowSeconds: 300 }),
  [ENV.rateLimitAnonymous]: rateRule.default({ limit: 60, windowSeconds: 60 }),
  [ENV.apiKeysPerUser]: positiveInt.max(1000).default(20),
  [ENV.idempotencyTable]: z.string().min(3).optional(),
  [ENV.idempotencyTtlSeconds]: positiveInt.max(7 * 86_400).default(86_400),
  [ENV.signingKeysSecretId]: z.string().min(1).default('yggdrasil/jwt-signing-keys'),
  [ENV.jwtIssuer]: z.string().min(1).default('yggdrasil'),
  [ENV.jwtAudience]: z.string().min(1).default('yggdrasil-api'),
  [ENV.accessTokenLifetimeSeconds]: positiveInt.max(1800).default(1800),
  // log2 of scrypt's N (shared/auth/passwords.ts); 15 is OWASP's N = 2^15 with r = 8, p = 3.
  [ENV.passwordHashCost]: positiveInt.min(4).max(20).default(15),
  [ENV.apiKeyLastUsedIntervalSeconds]: positiveInt.default(300),
  [ENV.adminUsername]: z.string().min(1).optional(),
  [ENV.adminPassword]: z.string().min(1).optional(),
  [ENV.adminSecretId]: z.string().min(1).optional(),
  [ENV.embedder]: z.enum(['onnx', 'bedrock']).default('onnx'),
  [ENV.embeddingModelDir]: z.string().min(1).default('.cache/models'),
  // int8 by default: half the CPU per chunk for the same retrieval (bench/eval/RESULTS.md); fp32 on request.
  [ENV.onnxEmbeddingModel]: z
    .enum([EMBEDDING_MODELS.allMiniLmL6V2Int8.name, EMBEDDING_MODELS.allMiniLmL6V2.name])
    .default(EMBEDDING_MODELS.allMiniLmL6V2Int8.name),
  [ENV.bedrockEmbeddingModelId]: z.string().min(1).default('amazon.titan-embed-text-v2:0'),
  [ENV.qdrantUrl]: z.url({ protocol: /^https?$/ }).optional(),
  [ENV.qdrantApiKey]: z.string().min(1).optional(),
  [ENV.qdrantApiKeySecretId]: z.string().min(1).optional(),
  [ENV.vectorQuantization]: z.enum(['none', 'int8']).default('none'),
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
