import { createHash, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { METRIC, metrics } from '#shared/observability/metrics';
import { MAX_CACHED_VALUE_BYTES } from '#shared/ports/cache';
import type { Cache } from '#shared/ports/cache';

/** Makes a fresh cache for one test; an adapter without server resources needs no async work or cleanup. */
export type MakeCache = () =>
  | { cache: Cache; cleanup?: () => void | Promise<void> }
  | Promise<{ cache: Cache; cleanup?: () => void | Promise<void> }>;

const uniqueKey = (): string => `concept:${randomUUID()}`;

/** A JSON string of exactly `bytes` UTF-8 bytes, with two-byte characters in it so bytes and characters differ. */
function jsonOfBytes(bytes: number): string {
  const twoByte = 'ü'.repeat(100);
  const overhead = Buffer.byteLength(JSON.stringify({ text: twoByte }));
  return JSON.stringify({ text: twoByte + 'k'.repeat(bytes - overhead) });
}

/** Large values are compared by digest, so a failure does not print hundreds of KB. */
function digest(value: string | undefined): string | undefined {
  return value === undefined ? undefined : createHash('sha256').update(value).digest('hex');
}

/** The behaviour every Cache adapter must share, run once per adapter. */
export function describeCacheContract(adapterName: string, makeCache: MakeCache): void {
  describe(`Cache contract: ${adapterName}`, () => {
    let cache: Cache;
    let cleanup: (() => void | Promise<void>) | undefined;

    beforeEach(async () => {
      ({ cache, cleanup } = await makeCache());
    });

    afterEach(async () => {
      vi.restoreAllMocks();
      await cleanup?.();
    });

    it('returns the value that was set', async () => {
      // Prepare
      const key = uniqueKey();
      await cache.set(key, '{"id":"c-1","name":"Yggdrasil"}', 60);

      // Act
      const value = await cache.get(key);

      // Assess
      expect(value).toBe('{"id":"c-1","name":"Yggdrasil"}');
    });

    it('returns undefined for a key that was never set', async () => {
      // Act
      const value = await cache.get(uniqueKey());

      // Assess
      expect(value).toBeUndefined();
    });

    it('replaces the value when a key is set again', async () => {
      // Prepare
      const key = uniqueKey();
      await cache.set(key, '"old"', 60);
      await cache.set(key, '"new"', 60);

      // Act
      const value = await cache.get(key);

      // Assess
      expect(value).toBe('"new"');
    });

    it('stops serving an entry once its TTL has passed, whether or not the store has deleted it', async () => {
      // Prepare
      const key = uniqueKey();
      await cache.set(key, '"short-lived"', 1);
      // The expiry is rounded up to a whole second: a 1 s entry lives at most 2 s.
      await sleep(2100);

      // Act
      const value = await cache.get(key);

      // Assess
      expect(value).toBeUndefined();
    });

    it('deletes several keys at once and keeps the others', async () => {
      // Prepare
      const [first, second, kept] = [uniqueKey(), uniqueKey(), uniqueKey()];
      await Promise.all([cache.set(first, '1', 60), cache.set(second, '2', 60), cache.set(kept, '3', 60)]);

      // Act
      await cache.delete([first, second]);

      // Assess
      expect([await cache.get(first), await cache.get(second), await cache.get(kept)]).toEqual([
        undefined,
        undefined,
        '3',
      ]);
    });

    it('deletes keys that are absent, repeated or none without complaint', async () => {
      // Prepare
      const key = uniqueKey();
      await cache.set(key, '1', 60);

      // Act
      const deleted = Promise.all([cache.delete([]), cache.delete([key, key, uniqueKey()])]);

      // Assess
      await expect(deleted).resolves.toEqual([undefined, undefined]);
      expect(await cache.get(key)).toBeUndefined();
    });

    it('round-trips a 350 KB value unchanged', async () => {
      // Prepare
      const key = uniqueKey();
      const value = jsonOfBytes(350 * 1024);
      await cache.set(key, value, 60);

      // Act
      const read = await cache.get(key);

      // Assess
      expect(digest(read)).toBe(digest(value));
    });

    it('does not cache a value over the size limit, drops the older value and counts the skip', async () => {
      // Prepare
      const key = uniqueKey();
      await cache.set(key, '"small"', 60);
      const addMetric = vi.spyOn(metrics, 'addMetric');

      // Act
      await cache.set(key, jsonOfBytes(MAX_CACHED_VALUE_BYTES + 1), 60);

      // Assess
      expect(digest(await cache.get(key))).toBeUndefined();
      expect(addMetric).toHaveBeenCalledWith(METRIC.cacheValuesTooLarge, 'Count', 1);
    });

    it('caches a value of exactly the size limit', async () => {
      // Prepare
      const key = uniqueKey();
      const value = jsonOfBytes(MAX_CACHED_VALUE_BYTES);

      // Act
      await cache.set(key, value, 60);

      // Assess
      expect(digest(await cache.get(key))).toBe(digest(value));
    });

    it('rejects a TTL that is not a positive whole number', async () => {
      // Act
      const results = await Promise.allSettled([cache.set(uniqueKey(), '1', 0), cache.set(uniqueKey(), '1', 1.5)]);

      // Assess
      expect(results.map((result) => result.status === 'rejected' && result.reason instanceof RangeError)).toEqual([
        true,
        true,
      ]);
    });

    it('reports itself to /health as the cache component', async () => {
      // Act
      const check = cache.check();

      // Assess
      await expect(check).resolves.toBeUndefined();
      expect(cache.component).toBe('cache');
    });
  });
}
