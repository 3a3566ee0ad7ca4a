import { PROGRESS_TABLE_LAYOUT } from '#shared/adapters/dynamodb/table-layouts';
import { RemovalPolicy } from 'aws-cdk-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { manifest, type TableName } from '#functions/manifest';
import { resourceOf, resourcesOfType, synthesize, type Synthesized } from './synthesize.ts';

/** How each table must be laid out: what the adapters read and write (see shared/adapters/dynamodb). */
const LAYOUTS: Readonly<Record<TableName, { keys: string[]; ttl?: string }>> = {
  progress: { keys: ['taskId'], ttl: 'expiresAt' },
  users: { keys: ['username'] },
  'api-keys': { keys: ['keyHash'] },
  audit: { keys: ['day', 'sk'], ttl: 'expiresAt' },
  'rate-limits': { keys: ['bucket'], ttl: 'expiresAt' },
  cache: { keys: ['key'], ttl: 'expiresAt' },
  idempotency: { keys: ['id'], ttl: 'expiration' },
};
const TABLES = Object.keys(LAYOUTS) as TableName[];

function keySchema(hash: string, range?: string) {
  return [
    { AttributeName: hash, KeyType: 'HASH' },
    ...(range === undefined ? [] : [{ AttributeName: range, KeyType: 'RANGE' }]),
  ];
}

describe('Tables', () => {
  let synthesized: Synthesized;

  function tableOf(table: TableName) {
    return resourceOf(synthesized, synthesized.stack.tables.byName[table]).Properties;
  }

  beforeAll(() => {
    synthesized = synthesize(manifest);
  });

  it('builds one table per table name', () => {
    // Act
    const tables = resourcesOfType(synthesized, 'AWS::DynamoDB::Table');

    // Assess
    expect(tables).toHaveLength(TABLES.length);
  });

  it.each(TABLES)('keys the %s table as its adapter expects, by strings', (table) => {
    // Prepare
    const [hash, range] = LAYOUTS[table].keys as [string, string?];

    // Act
    const { KeySchema, AttributeDefinitions } = tableOf(table);

    // Assess
    expect(KeySchema).toEqual(keySchema(hash, range));
    expect(AttributeDefinitions).toEqual(
      expect.arrayContaining(LAYOUTS[table].keys.map((name) => ({ AttributeName: name, AttributeType: 'S' }))),
    );
  });

  it.each(TABLES)('expires %s items at the time their adapter stores, if it stores one', (table) => {
    // Prepare
    const { ttl } = LAYOUTS[table];

    // Act
    const { TimeToLiveSpecification } = tableOf(table);

    // Assess
    expect(TimeToLiveSpecification).toEqual(ttl === undefined ? undefined : { AttributeName: ttl, Enabled: true });
  });

  it('indexes API keys by owner and creation time, projecting every attribute', () => {
    // Act
    const { GlobalSecondaryIndexes } = tableOf('api-keys');

    // Assess
    expect(GlobalSecondaryIndexes).toEqual([
      { IndexName: 'byOwner', KeySchema: keySchema('owner', 'createdAt'), Projection: { ProjectionType: 'ALL' } },
    ]);
  });

  it('indexes audit entries by actor and time, projecting every attribute', () => {
    // Act
    const { GlobalSecondaryIndexes } = tableOf('audit');

    // Assess
    expect(GlobalSecondaryIndexes).toEqual([
      { IndexName: 'byActor', KeySchema: keySchema('actor', 'sk'), Projection: { ProjectionType: 'ALL' } },
    ]);
  });

  it('indexes progress records by submitter and by day, newest first, as the progress store lists them', () => {
    // Act
    const { GlobalSecondaryIndexes } = tableOf('progress');

    // Assess
    const { bySubmitterIndex, byDayIndex } = PROGRESS_TABLE_LAYOUT;
    expect(GlobalSecondaryIndexes).toEqual(
      [bySubmitterIndex, byDayIndex].map((index) => ({
        IndexName: index.name,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
    );
  });

  it.each(['users', 'rate-limits', 'cache'] as const)('gives the %s table no index', (table) => {
    // Act
    const { GlobalSecondaryIndexes } = tableOf(table);

    // Assess
    expect(GlobalSecondaryIndexes).toBeUndefined();
  });

  it('bills every table per request', () => {
    // Act
    const modes = TABLES.map((table) => tableOf(table).BillingMode);

    // Assess
    expect(modes).toEqual(TABLES.map(() => 'PAY_PER_REQUEST'));
  });

  it('keeps point-in-time recovery for every table', () => {
    // Act
    const recovery = TABLES.map((table) => tableOf(table).PointInTimeRecoverySpecification);

    // Assess
    expect(recovery).toEqual(TABLES.map(() => ({ PointInTimeRecoveryEnabled: true })));
  });

  it('keeps the tables when the stack is deleted', () => {
    // Act & Assess
    synthesized.template.allResources('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
  });
});

describe('Tables with a removal policy', () => {
  it('deletes the tables with the stack when told to', () => {
    // Act
    const { template } = synthesize(manifest, { dataRemovalPolicy: RemovalPolicy.DESTROY });

    // Assess
    template.allResources('AWS::DynamoDB::Table', { DeletionPolicy: 'Delete' });
  });
});
