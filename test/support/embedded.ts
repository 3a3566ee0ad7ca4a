import { afterEach, beforeEach, vi } from 'vitest';
import { resetConfig } from '#shared/config';
import { closeContainer } from '#shared/container/lifecycle';

/**
 * Runs each test of the file on fresh in-memory embedded adapters, whatever real services the test run
 * has started for other files.
 */
export function useEmbeddedDefaults(): void {
  beforeEach(async () => {
    await closeContainer();
    vi.stubEnv('YGG_IN_MEMORY', 'true');
    for (const name of ['NEO4J_URI', 'NEO4J_SECRET_ID', 'PROGRESS_TABLE', 'QUEUE_URL_PROCESS_DOCUMENTS']) {
      vi.stubEnv(name, undefined);
    }
    resetConfig();
  });
  afterEach(async () => {
    await closeContainer();
    vi.unstubAllEnvs();
    resetConfig();
  });
}
