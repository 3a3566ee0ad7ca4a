import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RateLimitDecision, RateLimitRule } from '#shared/domain/rate-limits';
import type { RateLimiter } from '#shared/ports/rate-limiter';

/** Makes a fresh limiter for one test; an adapter without server resources needs no async work or cleanup. */
export type MakeRateLimiter = () =>
  | { limiter: RateLimiter; cleanup?: () => void | Promise<void> }
  | Promise<{ limiter: RateLimiter; cleanup?: () => void | Promise<void> }>;

/** Ten seconds into a one-minute window. */
const now = new Date('2030-01-01T00:00:10.000Z');
const threePerMinute: RateLimitRule = { limit: 3, windowSeconds: 60 };
const uniqueKey = (): string => `principal:${randomUUID()}`;

/** The behaviour every RateLimiter adapter must share, run once per adapter. */
export function describeRateLimiterContract(adapterName: string, makeLimiter: MakeRateLimiter): void {
  describe(`RateLimiter contract: ${adapterName}`, () => {
    let limiter: RateLimiter;
    let cleanup: (() => void | Promise<void>) | undefined;

    beforeEach(async () => {
      ({ limiter, cleanup } = await makeLimiter());
    });

    afterEach(async () => {
      await cleanup?.();
    });

    async function consumeTimes(times: number, key: string, rule = threePerMinute, at = now) {
      const decisions: RateLimitDecision[] = [];
      for (let request = 0; request < times; request += 1) decisions.push(await limiter.consume(key, rule, at));
      return decisions;
    }

    it('allows requests up to the limit, counting down what remains', async () => {
      // Act
      const decisions = await consumeTimes(3, uniqueKey());

      // Assess
      expect(decisions).toEqual([
        { allowed: true, remaining: 2, retryAfterSeconds: 0 },
        { allowed: true, remaining: 1, retryAfterSeconds: 0 },
        { allowed: true, remaining: 0, retryAfterSeconds: 0 },
      ]);
    });

    it('refuses the request past the limit until the window ends', async () => {
      // Prepare
      const key = uniqueKey();
      await consumeTimes(3, key);

      // Act
      const decision = await limiter.consume(key, threePerMinute, now);

      // Assess
      expect(decision).toEqual({ allowed: false, remaining: 0, retryAfterSeconds: 50 });
    });

    it('keeps the retry delay above zero and within the window at the window’s last instant', async () => {
      // Prepare
      const key = uniqueKey();
      const lastMoment = new Date('2030-01-01T00:00:59.999Z');
      await consumeTimes(3, key, threePerMinute, lastMoment);

      // Act
      const decision = await limiter.consume(key, threePerMinute, lastMoment);

      // Assess
      expect(decision.retryAfterSeconds).toBe(1);
    });

    it('counts different keys independently', async () => {
      // Prepare
      await consumeTimes(4, uniqueKey());

      // Act
      const decision = await limiter.consume(uniqueKey(), threePerMinute, now);

      // Assess
      expect(decision).toEqual({ allowed: true, remaining: 2, retryAfterSeconds: 0 });
    });

    it('counts the same key independently under rules with different windows', async () => {
      // Prepare
      const key = uniqueKey();
      await consumeTimes(4, key);

      // Act
      const decision = await limiter.consume(key, { limit: 3, windowSeconds: 3600 }, now);

      // Assess
      expect(decision.allowed).toBe(true);
    });

    it('allows requests again in the next window', async () => {
      // Prepare
      const key = uniqueKey();
      await consumeTimes(4, key);

      // Act
      const decision = await limiter.consume(key, threePerMinute, new Date(now.getTime() + 60_000));

      // Assess
      expect(decision).toEqual({ allowed: true, remaining: 2, retryAfterSeconds: 0 });
    });

    it('allows exactly the limit of thirty concurrent requests', async () => {
      // Prepare
      const key = uniqueKey();
      const tenPerMinute = { limit: 10, windowSeconds: 60 };

      // Act
      const decisions = await Promise.all(Array.from({ length: 30 }, () => limiter.consume(key, tenPerMinute, now)));

      // Assess
      expect(decisions.filter((decision) => decision.allowed)).toHaveLength(10);
    });

    it('rejects a rule with a limit of zero', async () => {
      // Act
      const consumed = limiter.consume(uniqueKey(), { limit: 0, windowSeconds: 60 }, now);

      // Assess
      await expect(consumed).rejects.toThrow(RangeError);
    });

    it('reports itself to /health as the rate-limits component', async () => {
      // Act
      const check = limiter.check();

      // Assess
      await expect(check).resolves.toBeUndefined();
      expect(limiter.component).toBe('rate-limits');
    });
  });
}
