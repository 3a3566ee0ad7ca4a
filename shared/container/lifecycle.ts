/**
 * The container's made-once instances register how to let go of themselves here, so that shutdown and
 * tests can start again from nothing without this module importing any adapter.
 */
const releasers = new Set<() => Promise<void> | void>();

export function onRelease(release: () => Promise<void> | void): void {
  releasers.add(release);
}

/** Closes drivers and databases and forgets every instance; the next call makes them anew. */
export async function closeContainer(): Promise<void> {
  const pending = [...releasers];
  releasers.clear();
  // Later registrations depend on earlier ones (a store on its database): release in reverse.
  for (const release of pending.reverse()) await release();
}

/**
 * A value made on first call and kept for the container's life (until `closeContainer`).
 *
 * @example
 * export const progressStore = once((): ProgressStore => new EmbeddedProgressStore({ database: embeddedDatabase() }));
 */
export function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => {
    if (!made) {
      made = { value: make() };
      onRelease(() => {
        made = undefined;
      });
    }
    return made.value;
  };
}
