import { ConditionalCheckFailedException, DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Role } from '#shared/domain/roles';
import { decodeUserCursor, encodeUserCursor } from '#shared/domain/users';
import type { User, UserPage } from '#shared/domain/users';
import { ConflictError } from '#shared/errors';
import type { UserStore } from '#shared/ports/user-store';

/** Accounts in a DynamoDB table keyed by `username`; the list is a paginated scan (users are few). */
export class DynamoUserStore implements UserStore {
  readonly component = 'users';
  readonly adapter = 'dynamodb';
  private readonly tableName: string;
  private readonly client: DynamoDBDocumentClient;

  constructor(options: { tableName: string; client: DynamoDBDocumentClient }) {
    this.tableName = options.tableName;
    this.client = options.client;
  }

  async create(user: User): Promise<void> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: user,
          ConditionExpression: 'attribute_not_exists(username)',
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) {
        throw new ConflictError(`User '${user.username}' exists already`);
      }
      throw error;
    }
  }

  async get(username: string): Promise<User | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: { username }, ConsistentRead: true }),
    );
    return asUser(Item);
  }

  async list(page: { limit: number; cursor?: string }): Promise<UserPage> {
    const after = page.cursor === undefined ? undefined : decodeUserCursor(page.cursor);
    const { Items = [], LastEvaluatedKey } = await this.client.send(
      new ScanCommand({
        TableName: this.tableName,
        Limit: page.limit,
        ConsistentRead: true,
        ...(after !== undefined && { ExclusiveStartKey: { username: after } }),
      }),
    );
    const users = Items.map((item) => asUser(item)).filter((user) => user !== undefined);
    const last: unknown = LastEvaluatedKey?.username;
    return typeof last === 'string' ? { users, cursor: encodeUserCursor(last) } : { users };
  }

  async setRole(username: string, role: Role, at: Date): Promise<User | undefined> {
    return this.update(username, 'SET #role = :role', { '#role': 'role' }, { ':role': role }, at, 'tokenVersion');
  }

  async setDisabled(username: string, disabled: boolean, at: Date): Promise<User | undefined> {
    const names = { '#disabled': 'disabled' };
    return this.update(username, 'SET #disabled = :disabled', names, { ':disabled': disabled }, at, 'tokenVersion');
  }

  async resetLoginLimits(username: string, at: Date): Promise<User | undefined> {
    return this.update(username, 'SET', {}, {}, at, 'loginGeneration');
  }

  async check(): Promise<void> {
    await this.client.send(new DescribeTableCommand({ TableName: this.tableName }));
  }

  async replacePasswordHash(username: string, current: string, replacement: string, at: Date): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { username },
          UpdateExpression: 'SET #passwordHash = :replacement, #updatedAt = :updatedAt',
          ConditionExpression: '#passwordHash = :current',
          ExpressionAttributeNames: { '#passwordHash': 'passwordHash', '#updatedAt': 'updatedAt' },
          ExpressionAttributeValues: {
            ':current': current,
            ':replacement': replacement,
            ':updatedAt': at.toISOString(),
          },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  private async update(
    username: string,
    assignment: string,
    names: Record<string, string>,
    values: Record<string, unknown>,
    at: Date,
    counter: 'tokenVersion' | 'loginGeneration',
  ): Promise<User | undefined> {
    const set = assignment === 'SET' ? 'SET' : `${assignment},`;
    try {
      const { Attributes } = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { username },
          // ADD counts from 0 on accounts stored before the counter existed.
          UpdateExpression: `${set} #updatedAt = :updatedAt ADD #counter :one`,
          ConditionExpression: 'attribute_exists(username)',
          ExpressionAttributeNames: { ...names, '#updatedAt': 'updatedAt', '#counter': counter },
          ExpressionAttributeValues: { ...values, ':updatedAt': at.toISOString(), ':one': 1 },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return asUser(Attributes);
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }
}

/** The table holds only items this adapter wrote from `User`s; accounts stored before the counters read them as 0. */
function asUser(item: Record<string, unknown> | undefined): User | undefined {
  if (!item) return undefined;
  const user = item as Omit<User, 'tokenVersion' | 'loginGeneration'> & Partial<User>;
  return { ...user, tokenVersion: user.tokenVersion ?? 0, loginGeneration: user.loginGeneration ?? 0 };
}
