import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import type { TableName } from '#functions/manifest';
import { ENV } from '#shared/config';

/** The variable that tells a function each table's name. */
export const TABLE_VARIABLES: Readonly<Record<TableName, string>> = {
  progress: ENV.progressTable,
};

/** Attribute holding the epoch second after which DynamoDB deletes a progress item. */
export const PROGRESS_EXPIRY_ATTRIBUTE = 'expiresAt';

export interface TablesProps {
  /** @default RemovalPolicy.RETAIN: deleting the stack keeps the data. */
  readonly removalPolicy?: RemovalPolicy;
}

/** Every DynamoDB table the manifest can name, on demand and with point-in-time recovery. */
export class Tables extends Construct {
  readonly byName: Readonly<Record<TableName, Table>>;

  constructor(scope: Construct, id: string, props: TablesProps = {}) {
    super(scope, id);
    const progress = new Table(this, 'Progress', {
      partitionKey: { name: 'taskId', type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      timeToLiveAttribute: PROGRESS_EXPIRY_ATTRIBUTE,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });
    this.byName = { progress };
  }
}
