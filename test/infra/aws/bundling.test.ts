import path from 'node:path';
import { build, type Metafile } from 'esbuild';
import { LogLevel, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { beforeAll, describe, expect, it } from 'vitest';
import { manifest, type FunctionDefinition } from '#functions/manifest';
import { cdkBundlingOf, LAMBDA_ESBUILD_OPTIONS } from '#infra/aws/bundling';

const PROJECT_ROOT = path.resolve(import.meta.dirname, '../../..');
const MAX_BUNDLE_BYTES = 1024 * 1024;

/**
 * What a bundle may hold only when its manifest entry declares the use: each is tens to hundreds of KB and
 * tens of ms at import. Matched against the source paths esbuild's metafile lists with bytes in the output.
 * A module that cannot fit in the 1 MB beside the others a function needs carries a `budget`: the bytes a
 * function declaring it may have beyond 1 MB, and no other function.
 */
const DECLARED_MODULES: readonly {
  readonly module: string;
  readonly pattern: RegExp;
  readonly declared: (fn: FunctionDefinition) => boolean;
  readonly budget?: number;
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
    // compromise with its es/fr/de builds and wink's English model are ~7 MB of data in JavaScript.
    module: 'the language models',
    pattern: /node_modules\/(compromise|de-compromise|fr-compromise|es-compromise|wink-nlp|wink-eng-lite-web-model)\//,
    declared: (fn) => fn.uses.textAnalysis === true,
    budget: 8 * 1024 * 1024,
  },
  {
    // Powertools Idempotency for `Idempotency-Key`: what lifts the creating graph routes just past 1 MB.
    module: 'Powertools Idempotency',
    pattern: /node_modules\/@aws-lambda-powertools\/idempotency\//,
    declared: (fn) => fn.kind === 'http' && fn.idempotent === true,
    budget: 48 * 1024,
  },
  {
    module: 'password hashing',
    pattern: /^shared\/auth\/passwords\.ts$|node_modules\/bcryptjs\//,
    declared: (fn) => fn.uses.passwords === true,
  },
  {
    // ~25 KB without undici (aliased to shared/container/global-fetch-agent.ts); the graph functions that also
    // reach Qdrant (delete-document, similar-documents, health) still land just past 1 MB with it.
    module: 'the Qdrant client',
    pattern: /node_modules\/@qdrant\//,
    declared: (fn) => fn.uses.vectors === true,
    budget: 64 * 1024,
  },
  {
    // Node's fetch pools connections itself: the Qdrant client's undici Agent is aliased away everywhere.
    module: 'undici',
    pattern: /node_modules\/undici\//,
    declared: () => false,
  },
  {
    // With the tokenizer below, ~80 KB: what search-documents and process-documents carry beyond the others.
    module: 'the Bedrock runtime client',
    pattern: /node_modules\/@aws-sdk\/client-bedrock-runtime\//,
    declared: (fn) => fn.uses.embedder === true,
    budget: 128 * 1024,
  },
  {
    module: 'the in-process embedder (ONNX session and WordPiece tokenizer)',
    pattern: /^shared\/adapters\/onnx\/|node_modules\/@huggingface\/tokenizers\//,
    declared: (fn) => fn.uses.embedder === true,
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

  it.each(manifest)('keeps $name under 1 MB plus the budgets of the modules it declares', (fn) => {
    // Prepare
    const budgets = DECLARED_MODULES.filter((entry) => entry.declared(fn)).map((entry) => entry.budget ?? 0);
    const limit = budgets.reduce((sum, budget) => sum + budget, MAX_BUNDLE_BYTES);

    // Act
    const bytes = sourcesByFunction.get(fn.name)?.bytes ?? Number.POSITIVE_INFINITY;

    // Assess
    expect(bytes).toBeLessThanOrEqual(limit);
  });

  it.each(manifest)('bundles the AWS SDK into $name instead of importing it at run time', (fn) => {
    // Act
    const bundledSdk = sourcesOf(fn).some((source) => source.includes('node_modules/@aws-sdk/'));
    const usesAws = (fn.uses.tables?.length ?? 0) + (fn.uses.sendsTo?.length ?? 0) + (fn.uses.secrets?.length ?? 0);

    // Assess
    expect(bundledSdk).toBe(usesAws > 0 || fn.uses.graph === true || fn.uses.embedder === true);
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
        '--alias:undici': './shared/container/global-fetch-agent.ts',
      },
    });
  });
});
