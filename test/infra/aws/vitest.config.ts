import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * The CDK tests alone: offline, no servers, so no global setup. The deploy-step providers' tests on real
 * servers (`*.servers.test.ts`) run with the root config, which starts them.
 * Run: `npx vitest run --config test/infra/aws/vitest.config.ts`
 */
export default defineConfig({
  root: fileURLToPath(new URL('../../..', import.meta.url)),
  test: {
    include: ['test/infra/aws/**/*.test.ts'],
    exclude: ['test/infra/aws/**/*.servers.test.ts'],
    testTimeout: 30_000,
    // Synthesizing bundles every function with esbuild.
    hookTimeout: 60_000,
  },
});
