import * as z from 'zod/mini';
import { CURSOR_MAX_LENGTH, cursorScope, decodeCursor, encodeCursor } from './cursor.ts';
import { ROLES } from './roles.ts';
import { userText } from './text.ts';
import type { Role } from './roles.ts';

export const USER_LIMITS = {
  minUsernameLength: 3,
  maxUsernameLength: 64,
  minPasswordLength: 12,
  maxPasswordLength: 128,
  maxPageSize: 100,
  defaultPageSize: 50,
} as const;

/** An account as the user store keeps it. `passwordHash` never leaves the service layer: see `publicUser`. */
export interface User {
  /** Lower-case, 3–64 of `[a-z0-9._-]`. */
  readonly username: string;
  readonly role: Role;
  readonly passwordHash: string;
  readonly disabled: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
  /**
   * Goes up with every change that must end the account's sessions (a role change, a disable, a password
   * change): a token carries the version it was issued at and is refused once the account's is higher.
   */
  readonly tokenVersion: number;
  /** Goes up when an admin clears the account's login limits: every login counter starts afresh. */
  readonly loginGeneration: number;
}

/** What the API shows of a user. */
export type PublicUser = Omit<User, 'passwordHash' | 'tokenVersion' | 'loginGeneration'>;

/** A new, enabled account, as every creator stores it. */
export function newUser(
  account: { readonly username: string; readonly role: Role; readonly passwordHash: string },
  now: Date,
): User {
  const at = now.toISOString();
  return { ...account, disabled: false, createdAt: at, updatedAt: at, tokenVersion: 0, loginGeneration: 0 };
}

/** Field by field, so that a secret field added to `User` later is not shown by default. */
export function publicUser(user: User): PublicUser {
  const { username, role, disabled, createdAt, updatedAt } = user;
  return { username, role, disabled, createdAt, updatedAt };
}

export const usernameSchema = z
  .string()
  .check(
    z.trim(),
    z.toLowerCase(),
    z.minLength(USER_LIMITS.minUsernameLength),
    z.maxLength(USER_LIMITS.maxUsernameLength),
    z.regex(/^[a-z0-9._-]+$/, 'Use only letters, digits, dot, underscore and hyphen'),
  );

export const passwordSchema = userText({
  min: USER_LIMITS.minPasswordLength,
  max: USER_LIMITS.maxPasswordLength,
  trim: false,
});

export const roleSchema = z.enum(ROLES);

/** Body of `POST /users`. */
export const createUserSchema = z.strictObject({
  username: usernameSchema,
  password: passwordSchema,
  role: roleSchema,
});
export type CreateUserInput = z.infer<typeof createUserSchema>;

/** Body of the role change. */
export const roleChangeSchema = z.strictObject({ role: roleSchema });
export type RoleChange = z.infer<typeof roleChangeSchema>;

/** Query of the user list. */
export const userListQuerySchema = z.object({
  limit: z._default(
    z.coerce.number().check(z.int(), z.gte(1), z.lte(USER_LIMITS.maxPageSize)),
    USER_LIMITS.defaultPageSize,
  ),
  cursor: z.optional(z.string().check(z.minLength(1), z.maxLength(CURSOR_MAX_LENGTH))),
});
export type UserListQuery = z.infer<typeof userListQuerySchema>;

export interface UserPage {
  readonly users: readonly User[];
  /** Pass back to get the next page; absent when there is none. */
  readonly cursor?: string;
}

const USER_LIST_SCOPE = cursorScope('users', {});
const userPosition = z.strictObject({ after: usernameSchema });

/** The opaque page cursor both user stores use: the last username of the page. */
export function encodeUserCursor(lastUsername: string): string {
  return encodeCursor(USER_LIST_SCOPE, { after: lastUsername });
}

/** The username a cursor continues after; a cursor not made by `encodeUserCursor` is a `ValidationError`. */
export function decodeUserCursor(cursor: string): string {
  return decodeCursor(cursor, USER_LIST_SCOPE, userPosition).after;
}
