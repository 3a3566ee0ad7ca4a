import path from 'node:path';
import { build, type Metafile } from 'esbuild';
import { LogLevel, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { beforeAll, describe, expect, it } from 'vitest';
import { manifest, type FunctionDefinition } from '#functions/manifest';
import { cdkBundlingOf, LAMBDA_ESBUILD_OPTIONS } from '#infra/aws/bundling';

const PROJECT_ROOT = path.resolve(import.meta.dirname, '../../..');
const MAX_BUNDLE_BYTES = 1024 * 1024;
/**
 * The text processor's language models (compromise and its es/fr/de builds, wink's English model, the
 * sentiment lexicons) are ~7 MB of data in JavaScript: the functions that declare `textAnalysis` carry them
 * and get this ceiling instead; every other function stays under 1 MB.
 */
const MAX_TEXT_ANALYSIS_BUNDLE_BYTES = 9 * 1024 * 1024;

/**
 * What a bundle may hold only when its manifest entry declares the use: each is tens to hundreds of KB and
 * tens of ms at import. Matched against the source paths esbuild's metafile lists with bytes in the output.
 */
const DECLARED_MODULES: readonly {
  readonly module: string;
  readonly pattern: RegExp;
  readonly declared: (fn: FunctionDefinition) => boolean;
}[] = [
  {
    module: 'the DynamoDB client',
    pattern: /node_modules\/@aws-sdk\/client-dynamodb\//,
    declared: (fn) => (fn.uses.tables?.length ?? 0) > 0,
  },
  {
    module: 'the SQS client',
    pattern: /node_modules\/@aws-sdk\/client-sqs\//,
    declared: (fn) =>
      (fn.uses.sendsTo?.length ?? 0) > 0 || (fn.uses.deadLetters?.length ?? 0) > 0 || fn.kind === 'task',
  },
  {
    module: 'the Secrets Manager client',
    pattern: /node_modules\/@aws-sdk\/client-secrets-manager\//,
    declared: (fn) => (fn.uses.secrets?.length ?? 0) > 0 || fn.uses.graph === true,
  },
  {
    module: 'the Neo4j driver',
    pattern: /node_modules\/neo4j-driver[^/]*\//,
    declared: (fn) => fn.uses.graph === true,
  },
  {
    module: 'the language models',
    pattern: /node_modules\/(compromise|de-compromise|fr-compromise|es-compromise|wink-nlp|wink-eng-lite-web-model)\//,
    declared: (fn) => fn.uses.textAnalysis === true,
  },
  {
    module: 'password hashing',
    pattern: /^shared\/auth\/passwords\.ts$|node_modules\/bcryptjs\//,
    declared: (fn) => fn.uses.passwords === true,
  },
];

/** Each function's bundled sources, by name, from one esbuild run with the CDK app's own options. */
let sourcesByFunction: Map<string, { readonly sources: readonly string[]; readonly bytes: number }>;

beforeAll(async () => {
  const { metafile } = await build({
    ...LAMBDA_ESBUILD_OPTIONS,
    absWorkingDir: PROJECT_ROOT,
    entryPoints: manifest.map((fn) => ({ in: fn.entry, out: fn.name })),
    outdir: 'bench/.work/bundle-test',
    write: false,
    metafile: true,
    logLevel: 'error',
  });
  sourcesByFunction = new Map(manifest.map((fn) => [fn.name, bundledSources(metafile, fn.entry)]));
}, 120_000);

function bundledSources(metafile: Metafile, entry: string): { sources: string[]; bytes: number } {
  const output = Object.values(metafile.outputs).find((candidate) => candidate.entryPoint === entry);
  if (!output) throw new Error(`esbuild wrote no bundle for ${entry}`);
  const sources = Object.entries(output.inputs)
    .filter(([, input]) => input.bytesInOutput > 0)
    .map(([source]) => source);
  return { sources, bytes: output.bytes };
}

function sourcesOf(fn: FunctionDefinition): readonly string[] {
  const bundle = sourcesByFunction.get(fn.name);
  if (!bundle) throw new Error(`No bundle for ${fn.name}`);
  return bundle.sources;
}

describe('each function bundle', () => {
  describe.each(DECLARED_MODULES)('$module', ({ pattern, declared }) => {
    it.each(manifest)('is in $name exactly when its manifest entry uses it', (fn) => {
      // Act
      const bundled = sourcesOf(fn).some((source) => pattern.test(source));

      // Assess
      expect(bundled).toBe(declared(fn));
    });
  });

  it.each(manifest)("keeps $name under 1 MB, or under its language models' ceiling", (fn) => {
    // Act
    const bytes = sourcesByFunction.get(fn.name)?.bytes ?? Number.POSITIVE_INFINITY;

    // Assess
    expect(bytes).toBeLessThanOrEqual(fn.uses.textAnalysis ? MAX_TEXT_ANALYSIS_BUNDLE_BYTES : MAX_BUNDLE_BYTES);
  });

  it.each(manifest)('bundles the AWS SDK into $name instead of importing it at run time', (fn) => {
    // Act
    const bundledSdk = sourcesOf(fn).some((source) => source.includes('node_modules/@aws-sdk/'));
    const usesAws = (fn.uses.tables?.length ?? 0) + (fn.uses.sendsTo?.length ?? 0) + (fn.uses.secrets?.length ?? 0);

    // Assess
    expect(bundledSdk).toBe(usesAws > 0 || fn.uses.graph === true);
  });
});

describe('cdkBundlingOf', () => {
  it('gives the CDK app every choice of the shared esbuild options, and bundles the AWS SDK', () => {
    // Act
    const bundling = cdkBundlingOf(LAMBDA_ESBUILD_OPTIONS);

    // Assess
    expect(bundling).toEqual({
      format: LAMBDA_ESBUILD_OPTIONS.format === 'cjs' ? OutputFormat.CJS : OutputFormat.ESM,
      mainFields: LAMBDA_ESBUILD_OPTIONS.mainFields,
      minify: LAMBDA_ESBUILD_OPTIONS.minify,
      sourceMap: LAMBDA_ESBUILD_OPTIONS.sourcemap,
      sourcesContent: LAMBDA_ESBUILD_OPTIONS.sourcesContent,
      target: LAMBDA_ESBUILD_OPTIONS.target,
      bundleAwsSDK: true,
      logLevel: LogLevel.WARNING,
      externalModules: LAMBDA_ESBUILD_OPTIONS.external,
      esbuildArgs: {
        '--tree-shaking': String(LAMBDA_ESBUILD_OPTIONS.treeShaking),
        '--alias:@aws-sdk/credential-provider-node': './shared/container/lambda-credentials.ts',
      },
    });
  });
});
