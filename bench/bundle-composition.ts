import { isBuiltin } from 'node:module';
import type { Metafile } from 'esbuild';

export interface BundleShare {
  /** An npm package (`zod`, `@middy/core`) or a project folder (`shared/http`). */
  readonly source: string;
  readonly bytes: number;
}

/**
 * What a bundle is made of: bytes of the minified output per npm package or project folder, largest first.
 * Answers "why is this bundle big" without opening the bundle.
 */
export function bundleShares(metafile: Metafile, outputPath: string, top = 5): BundleShare[] {
  const output = metafile.outputs[outputPath];
  if (!output) throw new Error(`esbuild's metafile has no output ${outputPath}`);
  const bytesBySource = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
    const source = sourceOf(input);
    bytesBySource.set(source, (bytesBySource.get(source) ?? 0) + bytesInOutput);
  }
  return [...bytesBySource]
    .map(([source, bytes]) => ({ source, bytes }))
    .filter(({ bytes }) => bytes > 0)
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, top);
}

/** Modules the bundle leaves out and imports at run time (besides Node's own), e.g. the AWS SDK. */
export function externalImports(metafile: Metafile, outputPath: string): string[] {
  const output = metafile.outputs[outputPath];
  if (!output) throw new Error(`esbuild's metafile has no output ${outputPath}`);
  const external = output.imports.filter((entry) => entry.external && !isBuiltin(entry.path));
  return [...new Set(external.map((entry) => entry.path))].sort();
}

function sourceOf(input: string): string {
  // The last node_modules segment names the package that holds the file, also for nested installs.
  const pkg = [...input.matchAll(/node_modules\/((?:@[^/]+\/)?[^/]+)/g)].at(-1)?.[1];
  if (pkg) return pkg;
  const parts = input.split('/');
  return parts.length > 2 ? parts.slice(0, 2).join('/') : input;
}
