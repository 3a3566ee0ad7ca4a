import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Starts the real Neo4j and moto for the integration tests, and stops them however the run ends.
    globalSetup: ['test/services/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 180_000,
    pool: 'forks',
    poolOptions: { forks: { execArgv: ['--disable-warning=ExperimentalWarning'] } },
    env: { POWERTOOLS_METRICS_DISABLED: 'true', POWERTOOLS_LOG_LEVEL: 'SILENT' },
  },
});
