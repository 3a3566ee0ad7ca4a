import type { TableName } from '#shared/function-definitions';

/** A global secondary index; every index projects all attributes. */
export interface IndexLayout {
  readonly name: string;
  readonly partitionKey: string;
  readonly sortKey: string;
}

/** The keys of a table, all strings, its indexes and its TTL attribute (epoch seconds). */
export interface TableLayout {
  readonly partitionKey: string;
  readonly sortKey?: string;
  readonly indexes?: readonly IndexLayout[];
  readonly ttlAttribute?: string;
}

const EXPIRES_AT = 'expiresAt';

/** `bySubmitter` lists a caller's tasks and `byDay` everyone's, both newest first. */
const BY_SUBMITTER = { name: 'bySubmitter', partitionKey: 'submittedBy', sortKey: 'createdAt' } as const;
const BY_DAY = { name: 'byDay', partitionKey: 'createdDay', sortKey: 'createdAt' } as const;
export const PROGRESS_TABLE_LAYOUT = {
  partitionKey: 'taskId',
  ttlAttribute: EXPIRES_AT,
  bySubmitterIndex: BY_SUBMITTER,
  byDayIndex: BY_DAY,
  indexes: [BY_SUBMITTER, BY_DAY],
} as const;

export const USERS_TABLE_LAYOUT = { partitionKey: 'username' } as const;

/** `byOwner`: an owner's keys, oldest first. */
const BY_OWNER = { name: 'byOwner', partitionKey: 'owner', sortKey: 'createdAt' } as const;
export const API_KEYS_TABLE_LAYOUT = { partitionKey: 'keyHash', byOwnerIndex: BY_OWNER, indexes: [BY_OWNER] } as const;

const BY_ACTOR = { name: 'byActor', partitionKey: 'actor', sortKey: 'sk' } as const;
export const AUDIT_TABLE_LAYOUT = {
  /** `YYYY-MM-DD` of `at`: one partition per day, walked backwards for unfiltered queries. */
  partitionKey: 'day',
  /** `<at>#<id>`: ISO timestamps sort in time order, the id keeps entries of one millisecond apart. */
  sortKey: 'sk',
  byActorIndex: BY_ACTOR,
  indexes: [BY_ACTOR],
  ttlAttribute: EXPIRES_AT,
} as const;

export const RATE_LIMIT_TABLE_LAYOUT = { partitionKey: 'bucket', ttlAttribute: EXPIRES_AT } as const;

export const CACHE_TABLE_LAYOUT = { partitionKey: 'key', ttlAttribute: EXPIRES_AT } as const;

/** Powertools Idempotency's own attribute names (`id`, `expiration`). */
export const IDEMPOTENCY_TABLE_LAYOUT = { partitionKey: 'id', ttlAttribute: 'expiration' } as const;

/**
 * Every table's layout, declared once: the adapters read and write these attributes, the CDK app
 * (`infra/aws/tables.ts`) and the provisioning helpers (`provision.ts`) build the tables from them.
 */
export const TABLE_LAYOUTS: Readonly<Record<TableName, TableLayout>> = {
  progress: PROGRESS_TABLE_LAYOUT,
  users: USERS_TABLE_LAYOUT,
  'api-keys': API_KEYS_TABLE_LAYOUT,
  audit: AUDIT_TABLE_LAYOUT,
  'rate-limits': RATE_LIMIT_TABLE_LAYOUT,
  cache: CACHE_TABLE_LAYOUT,
  idempotency: IDEMPOTENCY_TABLE_LAYOUT,
};
