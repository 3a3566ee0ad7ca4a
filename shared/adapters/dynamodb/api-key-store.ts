import { ConditionalCheckFailedException, DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { GetCommand, paginateQuery, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient, QueryCommandInput, QueryCommandOutput } from '@aws-sdk/lib-dynamodb';
import { apiKeySummary, byCreation, decodeApiKeyCursor, encodeApiKeyCursor, isAfter } from '#shared/domain/api-keys';
import type { ApiKeyPage, ApiKeyRecord } from '#shared/domain/api-keys';
import { ConflictError } from '#shared/errors';
import type { ApiKeyStore } from '#shared/ports/api-key-store';
import { API_KEYS_TABLE_LAYOUT } from './table-layouts.ts';

/**
 * API keys in a DynamoDB table keyed by `keyHash`, so authenticating a request is one consistent read;
 * the `byOwner` index (owner, createdAt) serves listing and revoking by `keyId`.
 */
export class DynamoApiKeyStore implements ApiKeyStore {
  readonly component = 'api-keys';
  readonly adapter = 'dynamodb';
  private readonly tableName: string;
  private readonly client: DynamoDBDocumentClient;

  constructor(options: { tableName: string; client: DynamoDBDocumentClient }) {
    this.tableName = options.tableName;
    this.client = options.client;
  }

  async create(record: Omit<ApiKeyRecord, 'lastUsedAt' | 'revokedAt'>): Promise<void> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: record,
          ConditionExpression: 'attribute_not_exists(keyHash)',
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw new ConflictError('This API key exists already');
      throw error;
    }
  }

  async findByHash(keyHash: string): Promise<ApiKeyRecord | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: { keyHash }, ConsistentRead: true }),
    );
    return asRecord(Item);
  }

  /**
   * The index is sorted by `createdAt` only, and its resume key would expose key hashes, so a page is read
   * from `createdAt >= ` the cursor's and ordered by (createdAt, keyId) here. Reading stops once an item
   * newer than the page's last is seen: every key sharing a timestamp with the page's edge has been read.
   */
  async listByOwner(owner: string, page: { limit: number; cursor?: string }): Promise<ApiKeyPage> {
    const after = page.cursor === undefined ? undefined : decodeApiKeyCursor(owner, page.cursor);
    const read: ApiKeyRecord[] = [];
    const pages = this.ownerPages(owner, {
      ...(after && {
        KeyConditionExpression: '#owner = :owner AND #createdAt >= :createdAt',
        ExpressionAttributeNames: { '#createdAt': 'createdAt' },
        ExpressionAttributeValues: { ':createdAt': after.createdAt },
      }),
      Limit: page.limit + 1,
    });
    for await (const result of pages) {
      for (const item of result.Items ?? []) {
        const record = asRecord(item);
        if (record && (after === undefined || isAfter(record, after))) read.push(record);
      }
      if (pageEdgeComplete(read, page.limit)) break;
    }
    const ordered = read.sort(byCreation);
    const keys = ordered.slice(0, page.limit).map(apiKeySummary);
    const last = keys.at(-1);
    return ordered.length > page.limit && last ? { keys, cursor: encodeApiKeyCursor(owner, last) } : { keys };
  }

  async countActive(owner: string): Promise<number> {
    let active = 0;
    const pages = this.ownerPages(owner, {
      FilterExpression: 'attribute_not_exists(#revokedAt)',
      ExpressionAttributeNames: { '#revokedAt': 'revokedAt' },
      Select: 'COUNT',
    });
    for await (const result of pages) active += result.Count ?? 0;
    return active;
  }

  async revoke(keyId: string, owner: string, at: Date): Promise<boolean> {
    const key = (await this.ownerKeys(owner)).find((candidate) => candidate.keyId === keyId);
    if (!key) return false;
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { keyHash: key.keyHash },
          UpdateExpression: 'SET #revokedAt = if_not_exists(#revokedAt, :at)',
          ConditionExpression: '#owner = :owner AND #keyId = :keyId',
          ExpressionAttributeNames: { '#revokedAt': 'revokedAt', '#owner': 'owner', '#keyId': 'keyId' },
          ExpressionAttributeValues: { ':at': at.toISOString(), ':owner': owner, ':keyId': keyId },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async touch(keyHash: string, at: Date, staleBefore: Date): Promise<void> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { keyHash },
          UpdateExpression: 'SET #lastUsedAt = :at',
          ConditionExpression:
            'attribute_exists(keyHash) AND (attribute_not_exists(#lastUsedAt) OR #lastUsedAt < :staleBefore)',
          ExpressionAttributeNames: { '#lastUsedAt': 'lastUsedAt' },
          ExpressionAttributeValues: { ':at': at.toISOString(), ':staleBefore': staleBefore.toISOString() },
        }),
      );
    } catch (error) {
      // Recent enough already (another container wrote it), or no such key: nothing to do either way.
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  async check(): Promise<void> {
    await this.client.send(new DescribeTableCommand({ TableName: this.tableName }));
  }

  /** Every key of the owner, oldest first, from the owner index (eventually consistent). */
  private async ownerKeys(owner: string): Promise<ApiKeyRecord[]> {
    const keys: ApiKeyRecord[] = [];
    for await (const page of this.ownerPages(owner)) {
      for (const item of page.Items ?? []) {
        const record = asRecord(item);
        if (record) keys.push(record);
      }
    }
    return keys;
  }

  /**
   * The owner index's pages for `owner`, oldest first; the SDK's paginator follows `LastEvaluatedKey`.
   * `query` adds to the key condition's names and values, or replaces the condition.
   */
  private ownerPages(owner: string, query: Partial<QueryCommandInput> = {}): AsyncIterable<QueryCommandOutput> {
    return paginateQuery(
      { client: this.client },
      {
        TableName: this.tableName,
        IndexName: API_KEYS_TABLE_LAYOUT.byOwnerIndex.name,
        KeyConditionExpression: '#owner = :owner',
        ...query,
        ExpressionAttributeNames: { '#owner': 'owner', ...query.ExpressionAttributeNames },
        ExpressionAttributeValues: { ':owner': owner, ...query.ExpressionAttributeValues },
      },
    );
  }
}

/** Whether more than a page is read and a key newer than the page's last one has been seen (reads come in createdAt order). */
function pageEdgeComplete(read: readonly ApiKeyRecord[], limit: number): boolean {
  if (read.length <= limit) return false;
  const edge = [...read].sort(byCreation)[limit - 1];
  return edge !== undefined && read.some((record) => record.createdAt > edge.createdAt);
}

/** The table holds only items this adapter wrote from `ApiKeyRecord`s. */
function asRecord(item: Record<string, unknown> | undefined): ApiKeyRecord | undefined {
  return item as ApiKeyRecord | undefined;
}
