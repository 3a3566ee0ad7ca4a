import { newUser, publicUser, usernameSchema } from '#shared/domain/users';
import type { Role } from '#shared/domain/roles';
import type { CreateUserInput, PublicUser, User } from '#shared/domain/users';
import { ForbiddenError, NotFoundError } from '#shared/errors';
import type { UserStore } from '#shared/ports/user-store';
import type { PasswordHasher } from './passwords.ts';

/**
 * Account administration and the password check of `POST /token`. An admin may not demote or disable
 * their own account, so the last admin can never lock everyone out.
 */
export async function createAccount(
  users: UserStore,
  passwords: PasswordHasher,
  input: CreateUserInput,
  now: Date,
): Promise<PublicUser> {
  const user = newUser(
    { username: input.username, role: input.role, passwordHash: await passwords.hash(input.password) },
    now,
  );
  await users.create(user);
  return publicUser(user);
}

export async function changeRole(
  users: UserStore,
  change: { readonly actor: string; readonly username: string; readonly role: Role },
  now: Date,
): Promise<PublicUser> {
  if (change.actor === change.username) throw new ForbiddenError('You cannot change your own role');
  return found(await users.setRole(change.username, change.role, now), change.username);
}

export async function setAccountDisabled(
  users: UserStore,
  change: { readonly actor: string; readonly username: string; readonly disabled: boolean },
  now: Date,
): Promise<PublicUser> {
  if (change.actor === change.username && change.disabled)
    throw new ForbiddenError('You cannot disable your own account');
  return found(await users.setDisabled(change.username, change.disabled, now), change.username);
}

/**
 * The account the username and password open, or undefined. An unknown, malformed or disabled username
 * costs the same hashing work as a wrong password, so timing reveals nothing. A hash made with older or
 * weaker parameters (bcrypt, a lower scrypt cost) is replaced now that the password is known. Rate limiting of
 * failed attempts belongs to the caller.
 */
export async function verifyPasswordLogin(
  users: Pick<UserStore, 'get' | 'replacePasswordHash'>,
  passwords: PasswordHasher,
  credentials: { readonly username: string; readonly password: string },
  now: Date = new Date(),
): Promise<User | undefined> {
  const username = usernameSchema.safeParse(credentials.username);
  const user = username.success ? await users.get(username.data) : undefined;
  const matches = await passwords.verify(credentials.password, user?.passwordHash);
  if (!matches || !user || user.disabled) return undefined;
  if (passwords.needsRehash(user.passwordHash)) {
    const rehashed = await passwords.hash(credentials.password);
    await users.replacePasswordHash(user.username, user.passwordHash, rehashed, now);
  }
  return user;
}

function found(user: User | undefined, username: string): PublicUser {
  if (!user) throw new NotFoundError(`No user '${username}'`);
  return publicUser(user);
}
