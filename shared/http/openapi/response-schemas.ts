import * as z from 'zod/mini';
import { ACTOR_KINDS, AUDIT_OUTCOMES } from '#shared/domain/audit';
import { claimSchema, evidenceSchema } from '#shared/domain/claims';
import { conceptRelationSchema, conceptSchema } from '#shared/domain/concepts';
import {
  DOCUMENT_LIST_LIMITS,
  documentConceptSchema,
  documentDetailsSchema,
  documentEntitySchema,
  documentSummarySchema,
  domainOverviewSchema,
} from '#shared/domain/document-knowledge';
import { ANALYSIS_FIELDS, ENTITY_TYPES, SENTIMENT_LABELS } from '#shared/domain/text-analysis';
import { roleSchema } from '#shared/domain/users';
import { SEARCH_MODES } from '#shared/domain/vector-search';
import { TASK_STATUSES, TASK_TYPES } from '#shared/domain/tasks';

/**
 * The bodies the handlers answer with. Objects convert to `additionalProperties: false`, so a field a
 * handler adds without documenting it (or a secret it leaks) fails the conformance checks.
 */

const timestamp = z.iso.datetime({ precision: 3 });
const cursor = z
  .string()
  .check(z.minLength(1))
  .register(z.globalRegistry, { description: 'Pass it back as `cursor`, with the same filters, for the next page' });

export const healthReportSchema = z.object({
  status: z.enum(['healthy', 'degraded', 'unhealthy']),
  version: z.string(),
  components: z.record(
    z.string(),
    z.object({
      status: z.enum(['up', 'degraded', 'down']),
      adapter: z.string(),
      latencyMs: z.number().check(z.gte(0)),
      error: z.optional(z.string()),
      warning: z
        .optional(z.string())
        .register(z.globalRegistry, { description: 'Why a component that is up is degraded' }),
    }),
  ),
  down: z.array(z.string()).register(z.globalRegistry, { description: 'The components that are down' }),
});

export const openApiDocumentSchema = z
  .looseObject({ openapi: z.string().check(z.regex(/^3\.1\.\d+$/)), info: z.looseObject({}), paths: z.looseObject({}) })
  .register(z.globalRegistry, { description: 'This document' });

export const accessTokenSchema = z.object({
  access_token: z.string(),
  token_type: z.literal('Bearer'),
  expires_in: z.int().check(z.gt(0)).register(z.globalRegistry, { description: 'Seconds until the token expires' }),
});

export const taskAcceptedSchema = z.object({
  taskId: z.uuid(),
  status: z.enum(TASK_STATUSES),
  total: z.int().check(z.gte(1)),
  statusUrl: z.string().register(z.globalRegistry, { description: 'Where to follow the task: `GET /tasks/{taskId}`' }),
});

export const taskProgressSchema = z.object({
  taskId: z.uuid(),
  type: z.enum(TASK_TYPES),
  status: z.enum(TASK_STATUSES),
  current: z.int().check(z.gte(0)),
  total: z.int().check(z.gte(0)),
  percentage: z.number().check(z.gte(0), z.lte(100)),
  message: z.string(),
  submittedBy: z.optional(z.string()),
  createdAt: timestamp,
  updatedAt: timestamp,
  startedAt: z.optional(timestamp),
  completedAt: z.optional(timestamp),
  failedAt: z.optional(timestamp),
  revokedAt: z.optional(timestamp),
  attempt: z
    .optional(z.int().check(z.gte(1)))
    .register(z.globalRegistry, { description: 'The attempt that failed last (RETRY)' }),
  nextAttemptAt: z
    .optional(timestamp)
    .register(z.globalRegistry, { description: 'When the next attempt is due (RETRY)' }),
  lastError: z.optional(z.string()),
  transitions: z
    .array(z.object({ status: z.enum(TASK_STATUSES), at: timestamp }))
    .register(z.globalRegistry, { description: 'Every change of status, oldest first' }),
  result: z
    .optional(
      z.object({
        succeeded: z.int().check(z.gte(0)),
        failed: z.int().check(z.gte(0)),
        documentIds: z.array(z.string()),
      }),
    )
    .register(z.globalRegistry, { description: 'Set once the task has finished (SUCCESS, FAILURE or REVOKED)' }),
  errors: z.array(z.object({ index: z.int().check(z.gte(0)), error: z.string() })),
});

export const taskPageSchema = z.object({ items: z.array(taskProgressSchema), nextCursor: z.optional(cursor) });

export const deadLetterListSchema = z.object({
  items: z.array(
    z.object({
      task: z.enum(TASK_TYPES),
      messageId: z.string(),
      taskId: z
        .optional(z.uuid())
        .register(z.globalRegistry, { description: 'The task the message belongs to, when it names one' }),
      reason: z.string(),
      sentAt: timestamp,
      bytes: z.int().check(z.gte(0)).register(z.globalRegistry, { description: 'Size of the message body' }),
    }),
  ),
});

export const redriveOutcomeSchema = z.object({
  task: z.enum(TASK_TYPES),
  moved: z
    .optional(z.int().check(z.gte(0)))
    .register(z.globalRegistry, { description: 'Messages moved back, when moved at once' }),
  moveTaskHandle: z.optional(z.string()).register(z.globalRegistry, {
    description: "SQS's asynchronous move task, when SQS moves them (StartMessageMoveTask)",
  }),
});

export const publicUserSchema = z.object({
  username: z.string(),
  role: roleSchema,
  disabled: z.boolean(),
  createdAt: timestamp,
  updatedAt: timestamp,
});

export const userPageSchema = z.object({ items: z.array(publicUserSchema), nextCursor: z.optional(cursor) });

export const apiKeySummarySchema = z.object({
  keyId: z.string(),
  owner: z.string(),
  name: z.string(),
  createdAt: timestamp,
  lastUsedAt: z.optional(timestamp),
  revokedAt: z.optional(timestamp),
});

export const issuedApiKeySchema = z.object({
  key: z.string().register(z.globalRegistry, { description: 'The key itself: shown this once, stored only as a hash' }),
  keyId: z.string(),
  name: z.string(),
  createdAt: timestamp,
});

export const apiKeyListSchema = z.object({ items: z.array(apiKeySummarySchema), nextCursor: z.optional(cursor) });

export const auditEntrySchema = z.object({
  id: z.uuid(),
  at: timestamp,
  actor: z.string(),
  actorKind: z.enum(ACTOR_KINDS),
  action: z.string(),
  resourceType: z.string(),
  resourceId: z.optional(z.string()),
  outcome: z.enum(AUDIT_OUTCOMES),
  status: z.int(),
  details: z
    .record(z.string(), z.unknown())
    .register(z.globalRegistry, { description: 'What explains the action; never secrets' }),
  ip: z.string(),
  userAgent: z.string(),
  requestId: z.string(),
  expiresAt: z.int(),
  count: z.optional(z.int().check(z.gte(1))).register(z.globalRegistry, {
    description: 'On an entry that counts alike denied requests of one window: how many',
  }),
});

export const auditPageSchema = z.object({ items: z.array(auditEntrySchema), nextCursor: z.optional(cursor) });

export const conceptPageSchema = z.object({ items: z.array(conceptSchema), nextCursor: z.optional(cursor) });
export const conceptRelationListSchema = z.object({ items: z.array(conceptRelationSchema) });
export const claimPageSchema = z.object({ items: z.array(claimSchema), nextCursor: z.optional(cursor) });
export const evidenceListSchema = z.object({ items: z.array(evidenceSchema) });

const searchHitSchema = z.object({
  documentId: z.string(),
  title: z.string(),
  score: z.number().check(z.gte(-1.0001), z.lte(1.0001)).register(z.globalRegistry, {
    description: "Cosine similarity of the best chunk to the query (in hybrid mode not the hits' order)",
  }),
  excerpt: z.string().check(z.maxLength(200)),
  chunk: z.number().check(z.int(), z.gte(0)),
  domain: z.string(),
  language: z.string(),
  source: z.optional(z.string()),
});

export const searchResultSchema = z.object({
  query: z.string(),
  model: z.string().register(z.globalRegistry, { description: 'The embedding model the query was embedded with' }),
  mode: z
    .enum(SEARCH_MODES)
    .register(z.globalRegistry, { description: 'How the hits were found: by meaning, or fused with keyword hits' }),
  hits: z.array(
    z.extend(searchHitSchema, {
      fusedScore: z.optional(z.number().check(z.gte(0))).register(z.globalRegistry, {
        description: 'Hybrid mode: the reciprocal rank fusion score the hits are ordered by',
      }),
      entities: z
        .array(documentEntitySchema)
        .check(z.maxLength(DOCUMENT_LIST_LIMITS.maxLinksPerHit))
        .register(z.globalRegistry, {
          description: `The entities the document mentions, most mentioned first (at most ${DOCUMENT_LIST_LIMITS.maxLinksPerHit})`,
        }),
      concepts: z
        .array(documentConceptSchema)
        .check(z.maxLength(DOCUMENT_LIST_LIMITS.maxLinksPerHit))
        .register(z.globalRegistry, {
          description: `The concepts the document is about, most confident first (at most ${DOCUMENT_LIST_LIMITS.maxLinksPerHit})`,
        }),
    }),
  ),
});

export const similarDocumentsSchema = z.object({
  documentId: z.string(),
  model: z.string(),
  hits: z.array(searchHitSchema),
});

export const vectorVisualizationSchema = z.object({
  domain: z.string(),
  model: z.string(),
  // Three numbers each; not z.tuple, whose JSON Schema (array-form `items`) OpenAPI 3.1 does not allow.
  points: z.array(z.array(z.number()).check(z.length(3))),
  metadata: z.array(
    z.object({ documentId: z.string(), chunk: z.number().check(z.int()), title: z.string(), language: z.string() }),
  ),
  explainedVariance: z.array(z.number()).check(z.maxLength(3)).register(z.globalRegistry, {
    description: "Each axis's share of the vectors' whole variance (scikit-learn's explained_variance_ratio_)",
  }),
});

export { claimSchema, conceptRelationSchema, conceptSchema, evidenceSchema };

const share = z.number().check(z.gte(0), z.lte(1));

export const textAnalysisSchema = z.object({
  language: z.object({
    code: z
      .string()
      .register(z.globalRegistry, { description: 'ISO 639-1, or `und` when the text gives too little to tell' }),
    confidence: share,
  }),
  entities: z.array(
    z.object({
      text: z.string(),
      type: z.enum(ENTITY_TYPES),
      start: z
        .int()
        .check(z.gte(0))
        .register(z.globalRegistry, { description: 'UTF-16 offset of the first character' }),
      end: z
        .int()
        .check(z.gte(0))
        .register(z.globalRegistry, { description: 'UTF-16 offset after the last character' }),
      linkedId: z
        .optional(z.string())
        .register(z.globalRegistry, { description: 'The Concept or Entity in the graph it names' }),
      linkConfidence: z.optional(share),
    }),
  ),
  concepts: z.array(
    z.object({
      name: z.string(),
      linkedId: z.optional(z.string()),
      confidence: share,
      occurrences: z.int().check(z.gte(1)),
    }),
  ),
  keyPhrases: z.array(z.object({ text: z.string(), score: share })),
  summary: z.object({ text: z.string(), sentences: z.int().check(z.gte(0)), words: z.int().check(z.gte(0)) }),
  sentiment: z.object({ label: z.enum(SENTIMENT_LABELS), score: z.number().check(z.gte(-1), z.lte(1)) }),
  methods: z.object(Object.fromEntries(ANALYSIS_FIELDS.map((field) => [field, z.string()]))),
  degraded: z
    .array(z.enum(ANALYSIS_FIELDS))
    .register(z.globalRegistry, { description: 'Fields made without a language-appropriate tool for this language' }),
});

export const documentPageSchema = z.object({ items: z.array(documentSummarySchema), nextCursor: z.optional(cursor) });
export { documentDetailsSchema, domainOverviewSchema };
