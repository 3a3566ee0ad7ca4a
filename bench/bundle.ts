import { stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';
import { besideBundleBytes, copyDataBesideBundle } from './beside-bundle.ts';
import { bundleShares, externalImports } from './bundle-composition.ts';
import type { Uses } from '#shared/function-definitions';
import { BUNDLE_FILE, LAMBDA_ESBUILD_OPTIONS, lambdaBuildOptionsFor } from './lambda-bundling.ts';
import type { BundleResult, SubjectKind } from './results.ts';

export interface BundleSubject {
  readonly name: string;
  readonly kind: SubjectKind;
  /** Relative to the project root, as in the manifest. */
  readonly entry: string;
  /** The manifest entry's `uses`, which decide what is loaded beside the bundle rather than bundled. */
  readonly uses?: Uses;
}

export interface BuiltBundle {
  readonly bundlePath: string;
  readonly result: BundleResult;
}

const moduleType = LAMBDA_ESBUILD_OPTIONS.format === 'cjs' ? 'commonjs' : 'module';

/**
 * Bundles one function exactly as the CDK app does, into `<outDir>/<name>/<BUNDLE_FILE>` with its source map and
 * the data folders it reads beside it; the packages beside it resolve from the project's `node_modules`.
 */
export async function bundleFunction(
  subject: BundleSubject,
  projectRoot: string,
  outDir: string,
): Promise<BuiltBundle> {
  const bundlePath = path.join(outDir, subject.name, BUNDLE_FILE);
  const { metafile } = await build({
    ...lambdaBuildOptionsFor(subject.uses ?? {}),
    absWorkingDir: projectRoot,
    entryPoints: [subject.entry],
    outfile: bundlePath,
    metafile: true,
    logLevel: 'warning',
  });
  // A Lambda asset has no package.json; this keeps the project's `"type": "module"` from applying to the bundle.
  await writeFile(path.join(outDir, subject.name, 'package.json'), JSON.stringify({ type: moduleType }));
  await copyDataBesideBundle(subject.uses ?? {}, projectRoot, path.join(outDir, subject.name));
  const outputKey = path.relative(projectRoot, bundlePath).split(path.sep).join('/');
  const [bundle, sourceMap, besideBytes] = await Promise.all([
    stat(bundlePath),
    stat(`${bundlePath}.map`),
    besideBundleBytes(subject.uses ?? {}, projectRoot),
  ]);
  return {
    bundlePath,
    result: {
      name: subject.name,
      kind: subject.kind,
      entry: subject.entry,
      bytes: bundle.size,
      sourceMapBytes: sourceMap.size,
      besideBytes,
      largestSources: bundleShares(metafile, outputKey),
      externals: externalImports(metafile, outputKey),
    },
  };
}
