import { appendFileSync, mkdirSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Starts the real Neo4j and moto for the integration tests, and stops them however the run ends.
    globalSetup: ['test/services/global-setup.ts'],
    // Always a JSON report too, from which .ci/run prints the plain 'N passed, N failed' line.
    reporters: ['default', ['json', { outputFile: '.cache/test-results.json' }]],
    // The run's output is progress and results; what tests print goes to a file, so a failure is seen first.
    onConsoleLog: (log, type) => {
      mkdirSync('.cache/logs', { recursive: true });
      appendFileSync('.cache/logs/test-console.log', `[${type}] ${log}`);
      return false;
    },
    testTimeout: 30_000,
    hookTimeout: 180_000,
    pool: 'forks',
    poolOptions: { forks: { execArgv: ['--disable-warning=ExperimentalWarning'] } },
    // Metrics print EMF lines to stdout: off here, on in the files that check them (test/shared/*/metrics.test.ts).
    env: { POWERTOOLS_METRICS_DISABLED: 'true', POWERTOOLS_LOG_LEVEL: 'SILENT' },
    // Measured by `npm test` (`--coverage`); a targeted `npx vitest run <file>` skips it and its thresholds.
    coverage: {
      provider: 'v8',
      include: ['functions/**/*.ts', 'shared/**/*.ts', 'infra/**/*.ts'],
      reporter: ['text-summary', 'json-summary'],
      reportsDirectory: 'coverage',
      // Under what the merged suite reached (97.93 / 92.86–92.94 / 98.75 / 97.93 %): branches move ~0.1 between runs.
      thresholds: { statements: 97.7, branches: 92.5, functions: 98.5, lines: 97.7 },
    },
  },
});
