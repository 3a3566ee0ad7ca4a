import { ConditionalCheckFailedException, DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient, QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { auditDay, DEFAULT_AUDIT_RETENTION_DAYS } from '#shared/domain/audit';
import type { AuditEntry } from '#shared/domain/audit';
import { auditPage, resolveAuditQuery } from '#shared/domain/audit-query';
import type { AuditPage, AuditPosition, AuditQuery, ResolvedAuditQuery } from '#shared/domain/audit-query';
import type { CursorOptions } from '#shared/domain/cursor';
import type { AuditLog } from '#shared/ports/audit-log';
import { AUDIT_TABLE_LAYOUT } from './table-layouts.ts';

const DAY_MS = 86_400_000;
/** Stored for the keys only; not part of an `AuditEntry`. */
const KEY_ATTRIBUTES: ReadonlySet<string> = new Set([AUDIT_TABLE_LAYOUT.partitionKey, AUDIT_TABLE_LAYOUT.sortKey]);

/**
 * The audit trail in DynamoDB (`AUDIT_TABLE_LAYOUT`), deleted by TTL on `expiresAt`. A write is a conditional
 * put, so a retried write stores the entry once. Queries read newest first and fetch one entry more than
 * the page, which is how they know whether to hand out a cursor.
 *
 * Every entry of one day shares a partition: fine for an audit trail's write rate (a partition takes
 * 1,000 writes a second), to be sharded by a suffix on `day` if that ever stops being true.
 */
export class DynamoAuditLog implements AuditLog {
  readonly component = 'audit';
  readonly adapter = 'dynamodb';
  private readonly tableName: string;
  private readonly client: DynamoDBDocumentClient;
  private readonly clock: () => Date;
  private readonly retentionDays: number;
  private readonly cursor: CursorOptions;

  constructor(options: {
    tableName: string;
    client: DynamoDBDocumentClient;
    retentionDays?: number;
    cursorSigningKey?: string | Uint8Array;
    clock?: () => Date;
  }) {
    this.tableName = options.tableName;
    this.client = options.client;
    this.clock = options.clock ?? (() => new Date());
    this.retentionDays = options.retentionDays ?? DEFAULT_AUDIT_RETENTION_DAYS;
    this.cursor = { signingKey: options.cursorSigningKey };
  }

  async record(entry: AuditEntry): Promise<void> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...entry, ...tableKey(entry) },
          ConditionExpression: 'attribute_not_exists(#sk)',
          ExpressionAttributeNames: { '#sk': AUDIT_TABLE_LAYOUT.sortKey },
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return; // recorded already: a retry
      throw error;
    }
  }

  async recordRepeated(entry: AuditEntry): Promise<void> {
    // The first request's fields are kept (if_not_exists); only the count moves, atomically.
    const fields = Object.entries(entry).filter(([name]) => name !== 'count');
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: tableKey(entry),
        UpdateExpression: `SET ${fields.map((_, i) => `#f${i} = if_not_exists(#f${i}, :v${i})`).join(', ')} ADD #count :one`,
        ExpressionAttributeNames: {
          ...Object.fromEntries(fields.map(([name], i) => [`#f${i}`, name])),
          '#count': 'count',
        },
        ExpressionAttributeValues: {
          ...Object.fromEntries(fields.map(([, value], i) => [`:v${i}`, value])),
          ':one': 1,
        },
      }),
    );
  }

  async query(query: AuditQuery): Promise<AuditPage> {
    const now = this.clock();
    const resolved = resolveAuditQuery(query, { now, retentionDays: this.retentionDays, cursor: this.cursor });
    if (resolved.exhausted) return { entries: [] };
    const rows =
      resolved.user === undefined
        ? await this.newestByDay(resolved, now)
        : await this.newestOfActor(resolved.user, resolved, now);
    return auditPage(rows, query, resolved, this.cursor);
  }

  async check(): Promise<void> {
    await this.client.send(new DescribeTableCommand({ TableName: this.tableName }));
  }

  /** Walks the day partitions from the cursor's (or `to`'s) day back to `from`'s. */
  private async newestByDay(resolved: ResolvedAuditQuery, now: Date): Promise<AuditEntry[]> {
    const rows: AuditEntry[] = [];
    const firstDay = auditDay(resolved.before?.at ?? resolved.to);
    for (const day of daysBackwards(firstDay, auditDay(resolved.from))) {
      const startKey = resolved.before && day === firstDay ? tableKey(resolved.before) : undefined;
      const wanted = resolved.limit + 1 - rows.length;
      rows.push(
        ...(await this.newest(
          {
            KeyConditionExpression: '#day = :day AND #sk BETWEEN :lowest AND :highest',
            ExpressionAttributeNames: { '#day': AUDIT_TABLE_LAYOUT.partitionKey },
            ExpressionAttributeValues: { ':day': day },
            ConsistentRead: true,
          },
          { resolved, now, wanted, startKey },
        )),
      );
      if (rows.length > resolved.limit) break;
    }
    return rows;
  }

  private async newestOfActor(actor: string, resolved: ResolvedAuditQuery, now: Date): Promise<AuditEntry[]> {
    const { before } = resolved;
    return this.newest(
      {
        IndexName: AUDIT_TABLE_LAYOUT.byActorIndex.name,
        KeyConditionExpression: '#actor = :actor AND #sk BETWEEN :lowest AND :highest',
        ExpressionAttributeNames: { '#actor': AUDIT_TABLE_LAYOUT.byActorIndex.partitionKey },
        ExpressionAttributeValues: { ':actor': actor },
      },
      {
        resolved,
        now,
        wanted: resolved.limit + 1,
        // An index's start key names the index key and the table key of the last item read.
        startKey: before && { [AUDIT_TABLE_LAYOUT.byActorIndex.partitionKey]: actor, ...tableKey(before) },
      },
    );
  }

  /** Up to `wanted` live entries of one partition, newest first, within the query's bounds. */
  private async newest(
    partition: Pick<
      QueryCommandInput,
      | 'IndexName'
      | 'KeyConditionExpression'
      | 'ExpressionAttributeNames'
      | 'ExpressionAttributeValues'
      | 'ConsistentRead'
    >,
    page: { resolved: ResolvedAuditQuery; now: Date; wanted: number; startKey?: Record<string, string> },
  ): Promise<AuditEntry[]> {
    const rows: AuditEntry[] = [];
    let startKey: Record<string, unknown> | undefined = page.startKey;
    do {
      const result = await this.client.send(
        new QueryCommand({
          ...partition,
          TableName: this.tableName,
          // TTL deletes lazily, so an expired entry may still be stored.
          FilterExpression: '#expiresAt >= :now',
          ExpressionAttributeNames: {
            ...partition.ExpressionAttributeNames,
            '#sk': AUDIT_TABLE_LAYOUT.sortKey,
            '#expiresAt': AUDIT_TABLE_LAYOUT.ttlAttribute,
          },
          ExpressionAttributeValues: {
            ...partition.ExpressionAttributeValues,
            ':lowest': `${page.resolved.from}#`,
            ':highest': `${page.resolved.to}$`, // '$' sorts right after '#': every id at `to` is included
            ':now': Math.floor(page.now.getTime() / 1000),
          },
          ScanIndexForward: false,
          Limit: page.wanted - rows.length,
          ExclusiveStartKey: startKey,
        }),
      );
      rows.push(...(result.Items ?? []).map(toEntry));
      startKey = result.LastEvaluatedKey;
    } while (startKey && rows.length < page.wanted);
    return rows;
  }
}

/** The table key of the entry at `position`; its sort key is also the `byActor` index's. */
function tableKey(position: AuditPosition): Record<string, string> {
  return {
    [AUDIT_TABLE_LAYOUT.partitionKey]: auditDay(position.at),
    [AUDIT_TABLE_LAYOUT.sortKey]: `${position.at}#${position.id}`,
  };
}

function toEntry(item: Record<string, unknown>): AuditEntry {
  const entry = Object.fromEntries(Object.entries(item).filter(([name]) => !KEY_ATTRIBUTES.has(name)));
  // The table holds only items this adapter wrote from `AuditEntry`s.
  return entry as unknown as AuditEntry;
}

/** `first`, the day before, … down to `last`, as `YYYY-MM-DD`. */
function* daysBackwards(first: string, last: string): Generator<string> {
  for (let day = Date.parse(`${first}T00:00:00.000Z`); day >= Date.parse(`${last}T00:00:00.000Z`); day -= DAY_MS) {
    yield new Date(day).toISOString().slice(0, 10);
  }
}
