import { createHash } from 'node:crypto';

/** At most `limit` requests per fixed window of `windowSeconds`. */
export interface RateLimitRule {
  readonly limit: number;
  readonly windowSeconds: number;
}

export interface RateLimitDecision {
  readonly allowed: boolean;
  /** Requests still allowed in this window. */
  readonly remaining: number;
  /** Whole seconds until the window resets, for `Retry-After`: 1 to `windowSeconds` when refused, 0 when allowed. */
  readonly retryAfterSeconds: number;
}

/** A window counted in epoch seconds, start inclusive, end exclusive. */
export interface RateLimitWindow {
  readonly start: number;
  readonly end: number;
}

/** Counters outlive their window by this much, so a clock a little behind still finds its counter. */
export const RATE_LIMIT_EXPIRY_MARGIN_SECONDS = 60;

/** The window of `rule` that holds `now`; windows are aligned to the epoch, so every container agrees. */
export function rateLimitWindow(rule: RateLimitRule, now: Date): RateLimitWindow {
  checkRule(rule);
  const start = Math.floor(now.getTime() / 1000 / rule.windowSeconds) * rule.windowSeconds;
  return { start, end: start + rule.windowSeconds };
}

/**
 * The stored counter's id. Keys hold user names and IP addresses, so only their SHA-256 is stored: the
 * table holds no personal data. The window length is part of the id, so two rules never share a counter.
 */
export function rateLimitBucket(key: string, rule: RateLimitRule, window: RateLimitWindow): string {
  const hash = createHash('sha256').update(key).digest('base64url');
  return `${hash}#${rule.windowSeconds}#${window.start}`;
}

/** The decision once the counter, this request included, reads `hits`. */
export function rateLimitDecision(
  hits: number,
  rule: RateLimitRule,
  window: RateLimitWindow,
  now: Date,
): RateLimitDecision {
  const allowed = hits <= rule.limit;
  return {
    allowed,
    remaining: Math.max(0, rule.limit - hits),
    retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil(window.end - now.getTime() / 1000)),
  };
}

function checkRule(rule: RateLimitRule): void {
  if (!Number.isInteger(rule.limit) || rule.limit < 1) {
    throw new RangeError(`A rate limit must be a positive integer, got ${rule.limit}`);
  }
  if (!Number.isInteger(rule.windowSeconds) || rule.windowSeconds < 1) {
    throw new RangeError(`A rate-limit window must be a positive whole number of seconds, got ${rule.windowSeconds}`);
  }
}
