import { CreateTableCommand, DescribeTableCommand, UpdateTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import type { AttributeDefinition, CreateTableCommandInput, KeySchemaElement } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { TableName } from '#shared/function-definitions';
import { TABLE_LAYOUTS, type TableLayout } from './table-layouts.ts';

const ACTIVE_TIMEOUT_MS = 60_000;

/**
 * Creates table `name` laid out as the CDK app lays out `table` (on demand, the keys, indexes and TTL of
 * `TABLE_LAYOUTS`), and waits until it and its indexes are ACTIVE. The one way tables are made outside
 * CDK: for tests and the local runtime against moto or LocalStack.
 *
 * @example
 * await createTableFor(dynamoDocumentClient(), 'progress', 'progress-test-1');
 */
export async function createTableFor(client: DynamoDBDocumentClient, table: TableName, name: string): Promise<void> {
  const layout = TABLE_LAYOUTS[table];
  await createTable(client, createTableInput(layout, name), layout.ttlAttribute);
}

export const createProgressTable = (client: DynamoDBDocumentClient, name: string): Promise<void> =>
  createTableFor(client, 'progress', name);

export const createIdempotencyTable = (client: DynamoDBDocumentClient, name: string): Promise<void> =>
  createTableFor(client, 'idempotency', name);

export const createCacheTable = (client: DynamoDBDocumentClient, name: string): Promise<void> =>
  createTableFor(client, 'cache', name);

function createTableInput(layout: TableLayout, name: string): CreateTableCommandInput & { TableName: string } {
  const indexes = layout.indexes ?? [];
  const attributes = new Set([
    layout.partitionKey,
    ...(layout.sortKey === undefined ? [] : [layout.sortKey]),
    ...indexes.flatMap((index) => [index.partitionKey, index.sortKey]),
  ]);
  return {
    TableName: name,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [...attributes].map((attribute): AttributeDefinition => ({
      AttributeName: attribute,
      AttributeType: 'S',
    })),
    KeySchema: keySchema(layout.partitionKey, layout.sortKey),
    ...(indexes.length > 0 && {
      GlobalSecondaryIndexes: indexes.map((index) => ({
        IndexName: index.name,
        KeySchema: keySchema(index.partitionKey, index.sortKey),
        Projection: { ProjectionType: 'ALL' },
      })),
    }),
  };
}

function keySchema(partitionKey: string, sortKey: string | undefined): KeySchemaElement[] {
  return [
    { AttributeName: partitionKey, KeyType: 'HASH' },
    ...(sortKey === undefined ? [] : [{ AttributeName: sortKey, KeyType: 'RANGE' } as const]),
  ];
}

async function createTable(
  client: DynamoDBDocumentClient,
  input: CreateTableCommandInput & { TableName: string },
  ttlAttribute?: string,
): Promise<void> {
  await client.send(new CreateTableCommand(input));
  const deadline = Date.now() + ACTIVE_TIMEOUT_MS;
  for (;;) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: input.TableName }));
    const indexesActive = (Table?.GlobalSecondaryIndexes ?? []).every((index) => index.IndexStatus === 'ACTIVE');
    if (Table?.TableStatus === 'ACTIVE' && indexesActive) break;
    if (Date.now() > deadline)
      throw new Error(`Table '${input.TableName}' is not ACTIVE after ${ACTIVE_TIMEOUT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  if (ttlAttribute === undefined) return;
  await client.send(
    new UpdateTimeToLiveCommand({
      TableName: input.TableName,
      TimeToLiveSpecification: { AttributeName: ttlAttribute, Enabled: true },
    }),
  );
}
