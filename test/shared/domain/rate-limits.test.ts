import { describe, expect, it } from 'vitest';
import { rateLimitBucket, rateLimitDecision, rateLimitWindow } from '#shared/domain/rate-limits';

const rule = { limit: 5, windowSeconds: 60 };
const now = new Date('2030-01-01T00:01:30.250Z');

describe('rate-limit windows', () => {
  it('are aligned to the epoch so every container agrees', () => {
    // Act
    const window = rateLimitWindow(rule, now);

    // Assess
    expect(window).toEqual({
      start: Date.parse('2030-01-01T00:01:00Z') / 1000,
      end: Date.parse('2030-01-01T00:02:00Z') / 1000,
    });
  });

  it('refuse a window that is not a whole number of seconds', () => {
    // Act
    const window = () => rateLimitWindow({ limit: 5, windowSeconds: 0.5 }, now);

    // Assess
    expect(window).toThrow(RangeError);
  });
});

describe('rate-limit buckets', () => {
  it('store no trace of the key in clear', () => {
    // Act
    const bucket = rateLimitBucket('token-ip:203.0.113.7', rule, rateLimitWindow(rule, now));

    // Assess
    expect(bucket).not.toContain('203.0.113.7');
  });
});

describe('rate-limit decisions', () => {
  it('say how long until the window resets when refusing, rounded up', () => {
    // Act
    const decision = rateLimitDecision(6, rule, rateLimitWindow(rule, now), now);

    // Assess
    expect(decision).toEqual({ allowed: false, remaining: 0, retryAfterSeconds: 30 });
  });
});
