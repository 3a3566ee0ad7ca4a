import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import type { TableName } from '#functions/manifest';
import { TABLE_LAYOUTS, type TableLayout } from '#shared/adapters/dynamodb/table-layouts';

/** Construct ids, kept as they were first deployed: a new id would replace the table and lose its data. */
const CONSTRUCT_IDS: Readonly<Record<TableName, string>> = {
  progress: 'Progress',
  users: 'Users',
  'api-keys': 'ApiKeys',
  audit: 'Audit',
  'rate-limits': 'RateLimits',
  cache: 'Cache',
  idempotency: 'Idempotency',
};

export interface TablesProps {
  /** @default RemovalPolicy.RETAIN: deleting the stack keeps the data. */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * Every DynamoDB table the manifest can name: on demand, with point-in-time recovery, and laid out as the
 * adapters that use them declare in `TABLE_LAYOUTS` (which the provisioning helpers read too).
 */
export class Tables extends Construct {
  readonly byName: Readonly<Record<TableName, Table>>;
  private readonly removalPolicy: RemovalPolicy;

  constructor(scope: Construct, id: string, props: TablesProps = {}) {
    super(scope, id);
    this.removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;

    const byName = {} as Record<TableName, Table>;
    for (const [name, layout] of Object.entries(TABLE_LAYOUTS) as [TableName, TableLayout][]) {
      byName[name] = this.table(CONSTRUCT_IDS[name], layout);
    }
    this.byName = byName;
  }

  private table(id: string, layout: TableLayout): Table {
    const table = new Table(this, id, {
      partitionKey: { name: layout.partitionKey, type: AttributeType.STRING },
      ...(layout.sortKey !== undefined && { sortKey: { name: layout.sortKey, type: AttributeType.STRING } }),
      ...(layout.ttlAttribute !== undefined && { timeToLiveAttribute: layout.ttlAttribute }),
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      removalPolicy: this.removalPolicy,
    });
    for (const index of layout.indexes ?? []) {
      table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
        projectionType: ProjectionType.ALL,
      });
    }
    return table;
  }
}
