/* eslint-disable @typescript-eslint/require-await -- synchronous SQLite behind an async port: `async` turns its throws into rejections */
import type { DatabaseSync } from 'node:sqlite';
import type { Role } from '#shared/domain/roles';
import { decodeUserCursor, encodeUserCursor } from '#shared/domain/users';
import type { User, UserPage } from '#shared/domain/users';
import { ConflictError } from '#shared/errors';
import type { UserStore } from '#shared/ports/user-store';
import { ensureEmbeddedSchema } from './schema.ts';

/** Accounts in the embedded SQLite, listed in username order. */
export class EmbeddedUserStore implements UserStore {
  readonly component = 'users';
  readonly adapter = 'embedded';
  private readonly database: DatabaseSync;

  constructor(options: { database: DatabaseSync }) {
    this.database = options.database;
    ensureEmbeddedSchema(this.database);
  }

  async create(user: User): Promise<void> {
    const { changes } = this.database
      .prepare(
        `INSERT INTO users (username, role, passwordHash, disabled, createdAt, updatedAt, tokenVersion, loginGeneration)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (username) DO NOTHING`,
      )
      .run(
        user.username,
        user.role,
        user.passwordHash,
        user.disabled ? 1 : 0,
        user.createdAt,
        user.updatedAt,
        user.tokenVersion,
        user.loginGeneration,
      );
    if (changes === 0) throw new ConflictError(`User '${user.username}' exists already`);
  }

  async get(username: string): Promise<User | undefined> {
    const row = this.database.prepare('SELECT * FROM users WHERE username = ?').get(username);
    return row && toUser(row);
  }

  async list(page: { limit: number; cursor?: string }): Promise<UserPage> {
    const after = page.cursor === undefined ? '' : decodeUserCursor(page.cursor);
    const rows = this.database
      .prepare('SELECT * FROM users WHERE username > ? ORDER BY username LIMIT ?')
      .all(after, page.limit + 1);
    const users = rows.slice(0, page.limit).map(toUser);
    const last = users.at(-1);
    return rows.length > page.limit && last ? { users, cursor: encodeUserCursor(last.username) } : { users };
  }

  async setRole(username: string, role: Role, at: Date): Promise<User | undefined> {
    this.database
      .prepare('UPDATE users SET role = ?, updatedAt = ?, tokenVersion = tokenVersion + 1 WHERE username = ?')
      .run(role, at.toISOString(), username);
    return this.get(username);
  }

  async replacePasswordHash(username: string, current: string, replacement: string, at: Date): Promise<boolean> {
    const { changes } = this.database
      .prepare('UPDATE users SET passwordHash = ?, updatedAt = ? WHERE username = ? AND passwordHash = ?')
      .run(replacement, at.toISOString(), username, current);
    return Number(changes) === 1;
  }

  async setDisabled(username: string, disabled: boolean, at: Date): Promise<User | undefined> {
    this.database
      .prepare('UPDATE users SET disabled = ?, updatedAt = ?, tokenVersion = tokenVersion + 1 WHERE username = ?')
      .run(disabled ? 1 : 0, at.toISOString(), username);
    return this.get(username);
  }

  async resetLoginLimits(username: string, at: Date): Promise<User | undefined> {
    this.database
      .prepare('UPDATE users SET loginGeneration = loginGeneration + 1, updatedAt = ? WHERE username = ?')
      .run(at.toISOString(), username);
    return this.get(username);
  }

  async check(): Promise<void> {
    this.database.prepare('SELECT 1 FROM users LIMIT 1').get();
  }
}

function toUser(row: Record<string, unknown>): User {
  return {
    username: String(row.username),
    // The table holds only roles this adapter wrote from `User`s.
    role: String(row.role) as Role,
    passwordHash: String(row.passwordHash),
    disabled: Number(row.disabled) === 1,
    createdAt: String(row.createdAt),
    updatedAt: String(row.updatedAt),
    tokenVersion: Number(row.tokenVersion),
    loginGeneration: Number(row.loginGeneration),
  };
}
