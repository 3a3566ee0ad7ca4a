import { afterEach, beforeEach, vi } from 'vitest';
import { taskFunctions } from '#functions/manifest';
import { queueUrlVariable, resetConfig, SERVICE_SELECTORS } from '#shared/config';
import { closeContainer } from '#shared/container/lifecycle';

/**
 * Runs each test of the file on fresh in-memory embedded adapters, whatever real services the test run
 * has started for other files.
 */
export function useEmbeddedDefaults(): void {
  beforeEach(async () => {
    await closeContainer();
    vi.stubEnv('YGG_IN_MEMORY', 'true');
    const tasks = Object.values(taskFunctions).map((fn) => queueUrlVariable(fn.task));
    for (const name of [...SERVICE_SELECTORS, ...tasks]) vi.stubEnv(name, undefined);
    vi.stubEnv('PASSWORD_HASH_COST', '4'); // scrypt at its cheapest: these tests check behaviour, not cost
    resetConfig();
  });
  afterEach(async () => {
    await closeContainer();
    vi.unstubAllEnvs();
    resetConfig();
  });
}
