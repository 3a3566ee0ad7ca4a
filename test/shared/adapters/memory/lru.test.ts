import { describe, expect, it } from 'vitest';
import { LocalCache } from '#shared/adapters/memory/lru';

const MB = 1024 * 1024;

describe('LocalCache', () => {
  it('serves a value until its TTL has passed, and not after', () => {
    // Prepare
    let now = 1000;
    const local = new LocalCache({ maxEntries: 10, maxBytes: MB, ttlMs: 5000, now: () => now });
    local.set('concept:c-1', '"tree"');

    // Act
    now = 6000;
    const before = local.get('concept:c-1');
    now = 6001;
    const after = local.get('concept:c-1');

    // Assess
    expect([before, after]).toEqual(['"tree"', undefined]);
  });

  it('evicts the least recently used entry when full', () => {
    // Prepare
    const local = new LocalCache({ maxEntries: 2, maxBytes: MB, ttlMs: 5000 });
    local.set('a', '1');
    local.set('b', '2');
    local.get('a');

    // Act
    local.set('c', '3');

    // Assess
    expect([local.get('a'), local.get('b'), local.get('c')]).toEqual(['1', undefined, '3']);
  });

  it('keeps nothing when allowed no entries', () => {
    // Prepare
    const local = new LocalCache({ maxEntries: 0, maxBytes: MB, ttlMs: 5000 });

    // Act
    local.set('a', '1');

    // Assess
    expect([local.get('a'), local.size]).toEqual([undefined, 0]);
  });

  it('does not keep a value larger than its memory budget, and drops the older one under that key', () => {
    // Prepare
    const local = new LocalCache({ maxEntries: 10, maxBytes: 1024, ttlMs: 5000 });
    local.set('a', '"small"');

    // Act
    local.set('a', JSON.stringify('x'.repeat(1024)));

    // Assess
    expect(local.get('a')).toBeUndefined();
  });

  it('forgets deleted keys', () => {
    // Prepare
    const local = new LocalCache({ maxEntries: 10, maxBytes: MB, ttlMs: 5000 });
    local.set('a', '1');
    local.set('b', '2');

    // Act
    local.delete(['a', 'missing']);

    // Assess
    expect([local.get('a'), local.get('b')]).toEqual([undefined, '2']);
  });
});
