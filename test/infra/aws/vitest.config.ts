import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * The CDK tests alone: offline, no servers, so no global setup.
 * Run: `npx vitest run --config test/infra/aws/vitest.config.ts`
 */
export default defineConfig({
  root: fileURLToPath(new URL('../../..', import.meta.url)),
  test: {
    include: ['test/infra/aws/**/*.test.ts'],
    testTimeout: 30_000,
    // Synthesizing bundles every function with esbuild.
    hookTimeout: 60_000,
  },
});
