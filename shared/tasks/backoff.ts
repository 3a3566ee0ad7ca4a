import type { QueueSettings } from '#shared/function-definitions';

/**
 * Seconds to wait before attempt `attempt + 1`: exponential backoff with full jitter (AWS Architecture
 * Blog, "Exponential Backoff And Jitter"), a random delay between 0 and min(max, base × 2^(attempt−1)), so
 * retries of many messages failing together spread out instead of arriving together. Whole seconds, as
 * `ChangeMessageVisibility` takes them; at least 1 so a retry never comes back at once.
 *
 * @example
 * retryDelaySeconds(3, { baseSeconds: 1, maxSeconds: 300 }) // 1…4
 */
export function retryDelaySeconds(
  attempt: number,
  backoff: QueueSettings['retryBackoff'],
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(backoff.maxSeconds, backoff.baseSeconds * 2 ** Math.max(0, attempt - 1));
  return Math.max(1, Math.ceil(random() * ceiling));
}
