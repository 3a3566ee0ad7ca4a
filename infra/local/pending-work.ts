/** Work started and not yet settled, so a stop can wait for all of it. Failures are the tracker's no concern. */
export class PendingWork {
  readonly #pending = new Set<Promise<void>>();

  track(work: Promise<unknown>): void {
    const settled: Promise<void> = work.then(
      () => void this.#pending.delete(settled),
      () => void this.#pending.delete(settled),
    );
    this.#pending.add(settled);
  }

  get size(): number {
    return this.#pending.size;
  }

  /** Resolves once nothing is pending, including work tracked while waiting. */
  async settled(): Promise<void> {
    while (this.#pending.size > 0) await Promise.all(this.#pending);
  }
}
