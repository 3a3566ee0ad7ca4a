import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, Table, type TableProps } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import type { TableName } from '#functions/manifest';
import { AUDIT_TABLE_LAYOUT } from '#shared/adapters/dynamodb/audit-log';
import { CACHE_TABLE_LAYOUT } from '#shared/adapters/dynamodb/cache';
import { PROGRESS_TABLE_LAYOUT } from '#shared/adapters/dynamodb/progress-store';
import { API_KEYS_OWNER_INDEX } from '#shared/adapters/dynamodb/provision-identity';
import { RATE_LIMIT_TABLE_LAYOUT } from '#shared/adapters/dynamodb/rate-limiter';
import { ENV } from '#shared/config';

/** The variable that tells a function each table's name. */
export const TABLE_VARIABLES: Readonly<Record<TableName, string>> = {
  progress: ENV.progressTable,
  users: ENV.usersTable,
  'api-keys': ENV.apiKeysTable,
  audit: ENV.auditTable,
  'rate-limits': ENV.rateLimitsTable,
  cache: ENV.cacheTable,
};

/** Attribute holding the epoch second after which DynamoDB deletes a progress item. */
export const PROGRESS_EXPIRY_ATTRIBUTE = PROGRESS_TABLE_LAYOUT.ttlAttribute;

export interface TablesProps {
  /** @default RemovalPolicy.RETAIN: deleting the stack keeps the data. */
  readonly removalPolicy?: RemovalPolicy;
}

type KeyAndTtl = Pick<TableProps, 'partitionKey' | 'sortKey' | 'timeToLiveAttribute'>;

/**
 * Every DynamoDB table the manifest can name: on demand, with point-in-time recovery, and laid out as the
 * adapters that use them declare (the same constants the adapters' provisioning helpers read).
 */
export class Tables extends Construct {
  readonly byName: Readonly<Record<TableName, Table>>;
  private readonly removalPolicy: RemovalPolicy;

  constructor(scope: Construct, id: string, props: TablesProps = {}) {
    super(scope, id);
    this.removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;

    const progress = this.table('Progress', {
      partitionKey: { name: PROGRESS_TABLE_LAYOUT.partitionKey, type: AttributeType.STRING },
      timeToLiveAttribute: PROGRESS_EXPIRY_ATTRIBUTE,
    });
    for (const index of [PROGRESS_TABLE_LAYOUT.bySubmitterIndex, PROGRESS_TABLE_LAYOUT.byDayIndex]) {
      progress.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
        projectionType: ProjectionType.ALL,
      });
    }
    const users = this.table('Users', { partitionKey: { name: 'username', type: AttributeType.STRING } });
    const apiKeys = this.table('ApiKeys', { partitionKey: { name: 'keyHash', type: AttributeType.STRING } });
    apiKeys.addGlobalSecondaryIndex({
      indexName: API_KEYS_OWNER_INDEX,
      partitionKey: { name: 'owner', type: AttributeType.STRING },
      sortKey: { name: 'createdAt', type: AttributeType.STRING },
      projectionType: ProjectionType.ALL,
    });
    const audit = this.table('Audit', {
      partitionKey: { name: AUDIT_TABLE_LAYOUT.partitionKey, type: AttributeType.STRING },
      sortKey: { name: AUDIT_TABLE_LAYOUT.sortKey, type: AttributeType.STRING },
      timeToLiveAttribute: AUDIT_TABLE_LAYOUT.ttlAttribute,
    });
    audit.addGlobalSecondaryIndex({
      indexName: AUDIT_TABLE_LAYOUT.byActorIndex.name,
      partitionKey: { name: AUDIT_TABLE_LAYOUT.byActorIndex.partitionKey, type: AttributeType.STRING },
      sortKey: { name: AUDIT_TABLE_LAYOUT.byActorIndex.sortKey, type: AttributeType.STRING },
      projectionType: ProjectionType.ALL,
    });
    const rateLimits = this.table('RateLimits', {
      partitionKey: { name: RATE_LIMIT_TABLE_LAYOUT.partitionKey, type: AttributeType.STRING },
      timeToLiveAttribute: RATE_LIMIT_TABLE_LAYOUT.ttlAttribute,
    });
    const cache = this.table('Cache', {
      partitionKey: { name: CACHE_TABLE_LAYOUT.partitionKey, type: AttributeType.STRING },
      timeToLiveAttribute: CACHE_TABLE_LAYOUT.ttlAttribute,
    });

    this.byName = { progress, users, 'api-keys': apiKeys, audit, 'rate-limits': rateLimits, cache };
  }

  private table(id: string, layout: KeyAndTtl): Table {
    return new Table(this, id, {
      ...layout,
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      removalPolicy: this.removalPolicy,
    });
  }
}
