import * as z from 'zod/mini';
import { changeRole, setAccountDisabled } from '#shared/auth/accounts';
import type { AuditDetails, JsonValue } from '#shared/domain/audit';
import type { Role } from '#shared/domain/roles';
import { publicUser, roleSchema, userListQuerySchema } from '#shared/domain/users';
import type { PublicUser, UserListQuery } from '#shared/domain/users';
import { NotFoundError } from '#shared/errors';
import type { UserStore } from '#shared/ports/user-store';

/** Account bodies are a few short fields; anything larger is not one. */
export const ACCOUNT_BODY_MAX_BYTES = 16 * 1024;

/** `GET /users`'s query string: the list query, with unknown parameters refused. */
export const userListParametersSchema = z.strictObject(userListQuerySchema.shape);

/**
 * Body of `PATCH /users/{username}`: at least one field. `resetLoginLimits: true` clears every `POST /token`
 * limit counted against the account (not those of an address), for an owner a guesser has locked out.
 */
export const userUpdateSchema = z
  .strictObject({
    role: z.optional(roleSchema),
    disabled: z.optional(z.boolean()),
    resetLoginLimits: z.optional(z.literal(true)),
  })
  .check(
    z.refine((update) => update.role !== undefined || update.disabled !== undefined || update.resetLoginLimits, {
      message: 'Send role, disabled, resetLoginLimits or several of them',
    }),
  );

export interface UserList {
  readonly items: readonly PublicUser[];
  readonly nextCursor?: string;
}

/** One page of accounts as the API shows them; a cursor the store did not issue is a `ValidationError`. */
export async function listAccounts(users: UserStore, query: UserListQuery): Promise<UserList> {
  const page = await users.list(query);
  return { items: page.users.map(publicUser), ...(page.cursor !== undefined && { nextCursor: page.cursor }) };
}

export interface AccountUpdate {
  /** Who asks: nobody may change their own role or disable themselves. */
  readonly actor: string;
  readonly username: string;
  readonly role?: Role;
  readonly disabled?: boolean;
  readonly resetLoginLimits?: true;
}

/**
 * Applies a role change, a disabled flag and/or a reset of the login limits. Each refusal (unknown user, a change to oneself) comes
 * before any write, so an update is never half applied. `changes` says what each field was and became,
 * for the audit trail.
 */
export async function updateAccount(
  users: UserStore,
  update: AccountUpdate,
  now: Date,
): Promise<{ user: PublicUser; changes: AuditDetails }> {
  const before = await users.get(update.username);
  if (!before) throw new NotFoundError(`No user '${update.username}'`);
  const { actor, username } = update;
  const changes: Record<string, JsonValue> = {};
  let user = publicUser(before);
  if (update.role !== undefined) {
    user = await changeRole(users, { actor, username, role: update.role }, now);
    changes.role = { from: before.role, to: user.role };
  }
  if (update.disabled !== undefined) {
    user = await setAccountDisabled(users, { actor, username, disabled: update.disabled }, now);
    changes.disabled = { from: before.disabled, to: user.disabled };
  }
  if (update.resetLoginLimits) {
    await users.resetLoginLimits(username, now);
    changes.resetLoginLimits = true;
  }
  return { user, changes };
}
