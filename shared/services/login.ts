import { verifyPasswordLogin } from '#shared/auth/accounts';
import type { PasswordHasher } from '#shared/auth/passwords';
import type { SigningKeys } from '#shared/auth/signing-keys';
import { issueAccessToken } from '#shared/auth/tokens';
import type { TokenSettings } from '#shared/auth/tokens';
import type { RateLimitRule } from '#shared/domain/rate-limits';
import type { Role } from '#shared/domain/roles';
import { USER_LIMITS, usernameSchema } from '#shared/domain/users';
import type { RateLimiter } from '#shared/ports/rate-limiter';
import type { UserStore } from '#shared/ports/user-store';

export interface LoginDeps {
  readonly users: Pick<UserStore, 'get' | 'replacePasswordHash'>;
  readonly passwords: PasswordHasher;
  readonly limiter: RateLimiter;
  readonly limits: { readonly perClientIp: RateLimitRule; readonly perUsername: RateLimitRule };
  readonly signingKeys: () => Promise<SigningKeys>;
  readonly tokens: TokenSettings;
}

export interface LoginAttempt {
  readonly username: string;
  readonly password: string;
  readonly clientIp: string;
}

export type LoginOutcome =
  | {
      readonly kind: 'issued';
      readonly username: string;
      readonly role: Role;
      readonly accessToken: string;
      readonly expiresInSeconds: number;
    }
  /**
   * Wrong password, unknown or disabled account: one answer for all, so none can be told apart.
   * `account` names the account tried when one exists (for the audit trail), never what was typed.
   */
  | { readonly kind: 'refused'; readonly account?: string }
  | {
      readonly kind: 'throttled';
      readonly limit: 'client-ip' | 'username';
      readonly retryAfterSeconds: number;
      readonly account?: string;
    };

/**
 * The name an attempt is counted and audited under: normalised as usernames are, so `Ada` and `ada ` share
 * one counter, and bounded, since it is the client's input.
 */
export function loginName(username: string): string {
  return username.trim().toLowerCase().slice(0, USER_LIMITS.maxUsernameLength);
}

/**
 * The password grant: both rate limits are counted before the password is checked, every attempt
 * included, so neither guessing from one address nor guessing one account from many gets far.
 *
 * @example
 * const outcome = await logIn({ username: 'ada', password: '…', clientIp: '203.0.113.7' }, deps, new Date());
 */
export async function logIn(attempt: LoginAttempt, deps: LoginDeps, now: Date): Promise<LoginOutcome> {
  const byIp = await deps.limiter.consume(`token-ip:${attempt.clientIp}`, deps.limits.perClientIp, now);
  if (!byIp.allowed) {
    const account = await existingAccount(deps.users, attempt.username);
    return {
      kind: 'throttled',
      limit: 'client-ip',
      retryAfterSeconds: byIp.retryAfterSeconds,
      ...(account && { account }),
    };
  }
  const byName = await deps.limiter.consume(`token-user:${loginName(attempt.username)}`, deps.limits.perUsername, now);
  if (!byName.allowed) {
    const account = await existingAccount(deps.users, attempt.username);
    return {
      kind: 'throttled',
      limit: 'username',
      retryAfterSeconds: byName.retryAfterSeconds,
      ...(account && { account }),
    };
  }

  const user = await verifyPasswordLogin(deps.users, deps.passwords, attempt, now);
  if (!user) {
    const account = await existingAccount(deps.users, attempt.username);
    return { kind: 'refused', ...(account && { account }) };
  }
  return {
    kind: 'issued',
    username: user.username,
    role: user.role,
    accessToken: await issueAccessToken(user, await deps.signingKeys(), deps.tokens, now),
    expiresInSeconds: deps.tokens.lifetimeSeconds,
  };
}

/**
 * The account a failed attempt was aimed at, if there is one. What was typed is never returned: a
 * password typed into the username field must not reach the audit trail.
 */
async function existingAccount(users: Pick<UserStore, 'get'>, typed: string): Promise<string | undefined> {
  const name = usernameSchema.safeParse(typed);
  if (!name.success) return undefined;
  return (await users.get(name.data))?.username;
}
