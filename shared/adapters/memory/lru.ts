import { LRUCache } from 'lru-cache';

/** What a key and its value cost in memory, roughly: two bytes a UTF-16 unit, plus the entry's own overhead. */
const ENTRY_OVERHEAD_BYTES = 64;

/**
 * A container's own least-recently-used cache of JSON strings, bounded by count and by memory, each value
 * served for at most `ttlMs` after it was stored (`lru-cache`'s own `ttl`, checked when read: no timers). With
 * `maxEntries: 0` it keeps nothing. `now` replaces the clock, so tests can move time without waiting.
 *
 * @example
 * const local = new LocalCache({ maxEntries: 1000, maxBytes: 32 * 1024 * 1024, ttlMs: 5000 });
 * local.set('concept:c-1', '{"id":"c-1"}');
 */
export class LocalCache {
  private readonly entries: LRUCache<string, string> | undefined;

  constructor(options: { maxEntries: number; maxBytes: number; ttlMs: number; now?: () => number }) {
    const { maxEntries, maxBytes, ttlMs } = options;
    if (!Number.isInteger(maxEntries) || maxEntries < 0)
      throw new RangeError(`maxEntries must be ≥ 0, got ${maxEntries}`);
    if (!(maxBytes > 0)) throw new RangeError(`maxBytes must be positive, got ${maxBytes}`);
    if (!(ttlMs > 0)) throw new RangeError(`ttlMs must be positive, got ${ttlMs}`);
    this.entries =
      maxEntries > 0
        ? new LRUCache<string, string>({
            max: maxEntries,
            maxSize: maxBytes,
            sizeCalculation: (value, key) => 2 * (value.length + key.length) + ENTRY_OVERHEAD_BYTES,
            ttl: ttlMs,
            // Read the clock on every check: a cached reading would need a timer, which a frozen Lambda defers.
            ttlResolution: 0,
            ...(options.now && { perf: { now: options.now } }),
          })
        : undefined;
  }

  /** The value, unless it is missing or older than the TTL (then it is dropped). */
  get(key: string): string | undefined {
    return this.entries?.get(key);
  }

  /** Stores `value`, evicting the least recently used; a value larger than the whole budget is not kept. */
  set(key: string, value: string): void {
    this.entries?.set(key, value);
  }

  delete(keys: readonly string[]): void {
    for (const key of keys) this.entries?.delete(key);
  }

  /** Entries held, expired ones included until they are next read or evicted. */
  get size(): number {
    return this.entries?.size ?? 0;
  }
}
