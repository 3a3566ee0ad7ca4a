import path from 'node:path';
import { build, type Metafile } from 'esbuild';
import { LogLevel, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { beforeAll, describe, expect, it } from 'vitest';
import { manifest, type FunctionDefinition } from '#functions/manifest';
import { DECLARED_MODULES, MAX_BUNDLE_BYTES } from '#infra/aws/bundle-budgets';
import {
  cdkBundlingOf,
  dataBesideBundle,
  LAMBDA_ESBUILD_OPTIONS,
  lambdaBuildOptionsFor,
  packagesBesideBundle,
  TEXT_ANALYSIS_DATA,
  TEXT_ANALYSIS_PACKAGES,
} from '#infra/aws/bundling';

const PROJECT_ROOT = path.resolve(import.meta.dirname, '../../..');

/** Each function's bundled sources, by name, from one esbuild run with the CDK app's own options. */
let sourcesByFunction: Map<
  string,
  { readonly sources: readonly string[]; readonly bytes: number; readonly external: readonly string[] }
>;

beforeAll(async () => {
  // One esbuild run per set of options: the functions that load packages from beside the bundle differ.
  const groups = new Map<string, FunctionDefinition[]>();
  for (const fn of manifest) {
    const key = packagesBesideBundle(fn.uses).join(',');
    groups.set(key, [...(groups.get(key) ?? []), fn]);
  }
  sourcesByFunction = new Map();
  for (const functions of groups.values()) {
    const first = functions[0];
    if (!first) continue;
    const { metafile } = await build({
      ...lambdaBuildOptionsFor(first.uses),
      absWorkingDir: PROJECT_ROOT,
      entryPoints: functions.map((fn) => ({ in: fn.entry, out: fn.name })),
      outdir: 'bench/.work/bundle-test',
      write: false,
      metafile: true,
      logLevel: 'error',
    });
    for (const fn of functions) sourcesByFunction.set(fn.name, bundledSources(metafile, fn.entry));
  }
}, 120_000);

function bundledSources(metafile: Metafile, entry: string): { sources: string[]; bytes: number; external: string[] } {
  const output = Object.values(metafile.outputs).find((candidate) => candidate.entryPoint === entry);
  if (!output) throw new Error(`esbuild wrote no bundle for ${entry}`);
  const sources = Object.entries(output.inputs)
    .filter(([, input]) => input.bytesInOutput > 0)
    .map(([source]) => source);
  const external = output.imports.filter((imported) => imported.external).map((imported) => imported.path);
  return { sources, bytes: output.bytes, external };
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

  it.each(manifest)('keeps $name at 1 MB or under, whatever it declares', (fn) => {
    // Act
    const bytes = sourcesByFunction.get(fn.name)?.bytes ?? Number.POSITIVE_INFINITY;

    // Assess
    expect(bytes).toBeLessThanOrEqual(MAX_BUNDLE_BYTES);
  });

  it.each(manifest)('bundles no language data file into $name: it is read beside the bundle', (fn) => {
    // Act
    const bundledData = sourcesOf(fn).filter((source) => source.startsWith(`${TEXT_ANALYSIS_DATA.from}/`));

    // Assess
    expect(bundledData).toEqual([]);
  });

  it.each(manifest)('bundles no language model into $name', (fn) => {
    // Act
    const bundledModels = sourcesOf(fn).filter((source) =>
      TEXT_ANALYSIS_PACKAGES.some((name) => source.includes(`node_modules/${name}/`)),
    );

    // Assess
    expect(bundledModels).toEqual([]);
  });

  it.each(manifest)('loads the language models from beside $name exactly when it analyses text', (fn) => {
    // Act
    const external = sourcesByFunction.get(fn.name)?.external ?? [];
    const loadsModels = TEXT_ANALYSIS_PACKAGES.every((name) =>
      external.some((path) => path === name || path.startsWith(`${name}/`)),
    );

    // Assess
    expect(loadsModels).toBe(fn.uses.textAnalysis === true);
  });

  it.each(manifest)('leaves node:sqlite unloaded when $name loads: only the embedded adapters open it', (fn) => {
    // Act (loading it prints Node's ExperimentalWarning, a cost at every Lambda cold start)
    const external = sourcesByFunction.get(fn.name)?.external ?? [];

    // Assess
    expect(external).not.toContain('node:sqlite');
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
      define: { 'import.meta.dirname': '__dirname' },
      esbuildArgs: {
        '--tree-shaking': String(LAMBDA_ESBUILD_OPTIONS.treeShaking),
        '--alias:@aws-sdk/credential-provider-node': './shared/container/lambda-credentials.ts',
        '--alias:@aws-sdk/token-providers': './shared/container/lambda-token-providers.ts',
        '--alias:undici': './shared/container/global-fetch-agent.ts',
        '--supported:dynamic-import': 'false',
      },
    });
  });
});

describe('cdkBundlingOf with packages beside the bundle', () => {
  it('installs the language models beside the bundle of a function that analyses text, and leaves them out of it', () => {
    // Prepare
    const uses = { textAnalysis: true };

    // Act
    const bundling = cdkBundlingOf(lambdaBuildOptionsFor(uses), packagesBesideBundle(uses));

    // Assess
    expect(bundling.nodeModules).toEqual(TEXT_ANALYSIS_PACKAGES);
    expect(bundling.externalModules).toEqual(expect.arrayContaining([...TEXT_ANALYSIS_PACKAGES]));
  });

  it('installs nothing beside the bundle of a function that does not analyse text', () => {
    // Prepare
    const uses = { graph: true };

    // Act
    const bundling = cdkBundlingOf(lambdaBuildOptionsFor(uses), packagesBesideBundle(uses), dataBesideBundle(uses));

    // Assess
    expect([bundling.nodeModules, bundling.commandHooks]).toEqual([undefined, undefined]);
  });

  it('copies the language data folder beside the bundle of a function that analyses text', () => {
    // Prepare
    const uses = { textAnalysis: true };
    const bundling = cdkBundlingOf(lambdaBuildOptionsFor(uses), packagesBesideBundle(uses), dataBesideBundle(uses));

    // Act
    const commands = bundling.commandHooks?.afterBundling('/asset-input', '/asset-output');

    // Assess
    expect(commands).toEqual([
      `cp -R "/asset-input/${TEXT_ANALYSIS_DATA.from}" "/asset-output/${TEXT_ANALYSIS_DATA.to}"`,
    ]);
  });
});
