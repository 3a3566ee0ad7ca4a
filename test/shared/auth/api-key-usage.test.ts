import { describe, expect, it, vi } from 'vitest';
import { ApiKeyUsage } from '#shared/auth/api-key-usage';

const start = new Date('2030-01-01T00:00:00.000Z');
const at = (seconds: number) => new Date(start.getTime() + seconds * 1000);

function spyStore() {
  return { touch: vi.fn<(keyHash: string, at: Date, staleBefore: Date) => Promise<void>>().mockResolvedValue() };
}

describe('ApiKeyUsage', () => {
  it('writes the first use of a key', async () => {
    // Prepare
    const store = spyStore();
    const usage = new ApiKeyUsage(store, { intervalSeconds: 300 });

    // Act
    await usage.record('hash-a', at(0));

    // Assess
    expect(store.touch).toHaveBeenCalledExactlyOnceWith('hash-a', at(0), at(-300));
  });

  it('writes at most once per interval however often the key is used', async () => {
    // Prepare
    const store = spyStore();
    const usage = new ApiKeyUsage(store, { intervalSeconds: 300 });

    // Act
    for (let second = 0; second < 300; second += 10) await usage.record('hash-a', at(second));

    // Assess
    expect(store.touch).toHaveBeenCalledTimes(1);
  });

  it('writes again once the interval has passed', async () => {
    // Prepare
    const store = spyStore();
    const usage = new ApiKeyUsage(store, { intervalSeconds: 300 });
    await usage.record('hash-a', at(0));

    // Act
    await usage.record('hash-a', at(300));

    // Assess
    expect(store.touch).toHaveBeenCalledTimes(2);
    expect(store.touch).toHaveBeenLastCalledWith('hash-a', at(300), at(0));
  });

  it('counts each key on its own', async () => {
    // Prepare
    const store = spyStore();
    const usage = new ApiKeyUsage(store, { intervalSeconds: 300 });

    // Act
    await usage.record('hash-a', at(0));
    await usage.record('hash-b', at(1));

    // Assess
    expect(store.touch.mock.calls.map(([hash]) => hash)).toEqual(['hash-a', 'hash-b']);
  });

  it('reports a failed write without throwing, and tries again at the next use', async () => {
    // Prepare
    const store = spyStore();
    store.touch.mockRejectedValueOnce(new Error('throttled'));
    const usage = new ApiKeyUsage(store, { intervalSeconds: 300 });
    const onError = vi.fn();

    // Act
    await usage.record('hash-a', at(0), onError);
    await usage.record('hash-a', at(1), onError);

    // Assess
    expect(onError).toHaveBeenCalledOnce();
    expect(store.touch).toHaveBeenCalledTimes(2);
  });
});
