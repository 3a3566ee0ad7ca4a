import type { ApiKeyStore } from '#shared/ports/api-key-store';

export const DEFAULT_LAST_USED_INTERVAL_SECONDS = 300;
/** Beyond this many keys the memory is cleared, so a container's map cannot grow without bound. */
const MAX_REMEMBERED_KEYS = 10_000;

/**
 * Records when each API key was last used, writing at most once per interval per key: this container
 * remembers its last write, and the store's conditional write skips the keys other containers wrote lately.
 * So a busy key costs one write every few minutes, not one per request.
 */
export class ApiKeyUsage {
  private readonly intervalMs: number;
  private readonly lastWritten = new Map<string, number>();

  constructor(
    private readonly store: Pick<ApiKeyStore, 'touch'>,
    options: { intervalSeconds?: number } = {},
  ) {
    this.intervalMs = (options.intervalSeconds ?? DEFAULT_LAST_USED_INTERVAL_SECONDS) * 1000;
  }

  /** Records a use at `at`; a failed write is reported to `onError`, never to the request. */
  async record(keyHash: string, at: Date, onError?: (error: unknown) => void): Promise<void> {
    const last = this.lastWritten.get(keyHash);
    if (last !== undefined && at.getTime() - last < this.intervalMs) return;
    if (this.lastWritten.size >= MAX_REMEMBERED_KEYS) this.lastWritten.clear();
    this.lastWritten.set(keyHash, at.getTime());
    try {
      await this.store.touch(keyHash, at, new Date(at.getTime() - this.intervalMs));
    } catch (error) {
      this.lastWritten.delete(keyHash);
      onError?.(error);
    }
  }
}
