import { verifyPasswordLogin } from '#shared/auth/accounts';
import type { PasswordHasher } from '#shared/auth/passwords';
import type { SigningKeys } from '#shared/auth/signing-keys';
import { issueAccessToken } from '#shared/auth/tokens';
import type { TokenSettings } from '#shared/auth/tokens';
import type { RateLimitRule } from '#shared/domain/rate-limits';
import type { Role } from '#shared/domain/roles';
import { USER_LIMITS, usernameSchema } from '#shared/domain/users';
import type { User } from '#shared/domain/users';
import type { RateLimiter } from '#shared/ports/rate-limiter';
import type { UserStore } from '#shared/ports/user-store';

export interface LoginLimits {
  /** Every attempt from one address, whatever the account. */
  readonly perClientIp: RateLimitRule;
  /** Attempts at one account from one address: what throttles a guesser without touching the owner elsewhere. */
  readonly perAccountAndIp: RateLimitRule;
  /** Attempts at one account from everywhere: a slower ceiling that keeps distributed guessing expensive. */
  readonly perAccount: RateLimitRule;
}

export interface LoginDeps {
  readonly users: Pick<UserStore, 'get' | 'replacePasswordHash'>;
  readonly passwords: PasswordHasher;
  readonly limiter: RateLimiter;
  readonly limits: LoginLimits;
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
      readonly limit: 'client-ip' | 'account-and-ip' | 'account';
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
 * The password grant. Every attempt is counted before the password is checked: per address, per
 * (account, address) and per account. A stranger guessing at an account from one address exhausts only
 * their own (account, address) counter, so the owner signing in from elsewhere is not locked out; the
 * per-account ceiling is much slower and stops guessing spread over many addresses. An admin's reset of
 * the account's login limits (a new `loginGeneration`) starts both account counters afresh.
 *
 * @example
 * const outcome = await logIn({ username: 'ada', password: '…', clientIp: '203.0.113.7' }, deps, new Date());
 */
export async function logIn(attempt: LoginAttempt, deps: LoginDeps, now: Date): Promise<LoginOutcome> {
  const { limiter, limits } = deps;
  const byIp = await limiter.consume(`token-ip:${attempt.clientIp}`, limits.perClientIp, now);
  const account = await accountTried(deps.users, attempt.username);
  const named = account && { account: account.username };
  if (!byIp.allowed)
    return { kind: 'throttled', limit: 'client-ip', retryAfterSeconds: byIp.retryAfterSeconds, ...named };

  const counted = `${loginName(attempt.username)}#${account?.loginGeneration ?? 0}`;
  const byAccountAndIp = await limiter.consume(
    `token-user-ip:${counted}|${attempt.clientIp}`,
    limits.perAccountAndIp,
    now,
  );
  if (!byAccountAndIp.allowed) {
    return {
      kind: 'throttled',
      limit: 'account-and-ip',
      retryAfterSeconds: byAccountAndIp.retryAfterSeconds,
      ...named,
    };
  }
  const byAccount = await limiter.consume(`token-user:${counted}`, limits.perAccount, now);
  if (!byAccount.allowed) {
    return { kind: 'throttled', limit: 'account', retryAfterSeconds: byAccount.retryAfterSeconds, ...named };
  }

  const user = await verifyPasswordLogin(deps.users, deps.passwords, attempt, now);
  if (!user) return { kind: 'refused', ...named };
  return {
    kind: 'issued',
    username: user.username,
    role: user.role,
    accessToken: await issueAccessToken(user, await deps.signingKeys(), deps.tokens, now),
    expiresInSeconds: deps.tokens.lifetimeSeconds,
  };
}

/**
 * The account an attempt is aimed at, if there is one. What was typed is never returned: a password typed
 * into the username field must not reach the audit trail.
 */
async function accountTried(users: Pick<UserStore, 'get'>, typed: string): Promise<User | undefined> {
  const name = usernameSchema.safeParse(typed);
  return name.success ? users.get(name.data) : undefined;
}
