import type { RateLimitDecision, RateLimitRule } from '#shared/domain/rate-limits';
import type { HealthCheck } from './health.ts';

/**
 * Fixed-window request counters shared by every container. Component `rate-limits` in `/health`.
 */
export interface RateLimiter extends HealthCheck {
  /**
   * Counts one request for `key` (e.g. `principal:alice`, `token-ip:203.0.113.7`) in the window of
   * `rule` that contains `now`, and says whether it is within the limit. Counting is atomic: however many
   * containers ask at once, exactly `rule.limit` requests per window are allowed.
   */
  consume(key: string, rule: RateLimitRule, now?: Date): Promise<RateLimitDecision>;
}
