import type { BuildOptions } from 'esbuild';

/**
 * The esbuild options the CDK app's `NodejsFunction` passes for every function, as the JS API spells them.
 *
 * Mirrors `bundling` in infra/aws/function.ts plus what the CDK adds on its own for `nodejs22.x`:
 * `--target=node22 --platform=node --outfile=index.mjs`, and `--external:@aws-sdk/* --external:@smithy/*`
 * because cdk.json sets `@aws-cdk/aws-lambda-nodejs:sdkV3ExcludeSmithyPackages` (the Lambda runtime provides
 * both). Until infra/aws exports one shared constant, a change there must be copied here by hand.
 */
export const LAMBDA_ESBUILD_OPTIONS = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'esm',
  mainFields: ['module', 'main'],
  banner: {
    js: "import { createRequire as __yggCreateRequire } from 'node:module'; const require = __yggCreateRequire(import.meta.url);",
  },
  minify: true,
  treeShaking: true,
  sourcemap: true,
  sourcesContent: false,
  external: ['@aws-sdk/*', '@smithy/*', 'onnxruntime-node'],
} as const satisfies BuildOptions;

/** The bundle's file name: the CDK writes ESM bundles as `index.mjs`. */
export const BUNDLE_FILE = 'index.mjs';

/**
 * What the deployed functions get in their environment that changes how a bundle loads: infra/aws/function.ts
 * sets `NODE_OPTIONS=--enable-source-maps`, which makes Node read and parse each bundle's source map at import.
 */
export const LAMBDA_NODE_FLAGS: readonly string[] = ['--enable-source-maps'];

/** Settings infra/aws/function.ts gives every function. */
export const LAMBDA_POWERTOOLS_ENV = {
  POWERTOOLS_SERVICE_NAME: 'yggdrasil',
  POWERTOOLS_METRICS_NAMESPACE: 'Yggdrasil',
} as const;
