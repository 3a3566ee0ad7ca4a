import type { Role } from '#shared/domain/roles';
import type { User, UserPage } from '#shared/domain/users';
import type { HealthCheck } from './health.ts';

/** Accounts, keyed by username. */
export interface UserStore extends HealthCheck {
  /** Stores a new user; throws `ConflictError` when the username is taken (a conditional write, race-free). */
  create(user: User): Promise<void>;
  get(username: string): Promise<User | undefined>;
  /**
   * One page of users, in no promised order; following `cursor` visits every user once. A page may be
   * shorter than `limit`, even empty, and still carry a cursor. A malformed cursor is a `ValidationError`.
   */
  list(page: { limit: number; cursor?: string }): Promise<UserPage>;
  /**
   * The updated user, or undefined when there is no such user. Raises `tokenVersion` in the same write,
   * so every token issued before the change is refused after it.
   */
  setRole(username: string, role: Role, at: Date): Promise<User | undefined>;
  /**
   * The updated user, or undefined when there is no such user. Raises `tokenVersion` in the same write:
   * tokens issued before a disable stay refused after the account is enabled again.
   */
  setDisabled(username: string, disabled: boolean, at: Date): Promise<User | undefined>;
  /** Raises `loginGeneration` (every login counter of the account starts afresh); undefined for no such user. */
  resetLoginLimits(username: string, at: Date): Promise<User | undefined>;
  /**
   * Replaces the password hash if it is still `current` (a rehash at login must not undo a change made
   * meanwhile); whether it did.
   */
  replacePasswordHash(username: string, current: string, replacement: string, at: Date): Promise<boolean>;
}
