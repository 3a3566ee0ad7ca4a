import { cp, readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Uses } from '#shared/function-definitions';
import { dataBesideBundle, packagesBesideBundle } from '#infra/aws/bundling';

/**
 * Copies the data folders a function reads beside its bundle into the bundle's folder, as the CDK's bundling
 * does (`dataBesideBundle`); the packages beside it are found in the project's `node_modules` from there.
 */
export async function copyDataBesideBundle(uses: Uses, projectRoot: string, bundleDir: string): Promise<void> {
  for (const { from, to } of dataBesideBundle(uses)) {
    await cp(path.join(projectRoot, from), path.join(bundleDir, to), { recursive: true });
  }
}

/**
 * Bytes on disk a function ships beside its bundle: the packages the CDK installs there with their dependencies
 * (`packagesBesideBundle`) and the data folders it copies (`dataBesideBundle`). Lambda's limit is on the whole.
 */
export async function besideBundleBytes(uses: Uses, projectRoot: string): Promise<number> {
  const packageDirs = new Set<string>();
  const pending = packagesBesideBundle(uses).map((name) => ({ name, from: projectRoot }));
  for (let next = pending.pop(); next; next = pending.pop()) {
    const dir = await packageDir(next.name, next.from, projectRoot);
    if (packageDirs.has(dir)) continue;
    packageDirs.add(dir);
    const manifest = JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8')) as {
      readonly dependencies?: Readonly<Record<string, string>>;
    };
    pending.push(...Object.keys(manifest.dependencies ?? {}).map((name) => ({ name, from: dir })));
  }
  const dataDirs = dataBesideBundle(uses).map(({ from }) => path.join(projectRoot, from));
  const sizes = await Promise.all([...packageDirs, ...dataDirs].map((dir) => folderBytes(dir)));
  return sizes.reduce((sum, bytes) => sum + bytes, 0);
}

/** Where Node finds package `name` from `from`: the nearest `node_modules` holding it, up to the project. */
async function packageDir(name: string, from: string, projectRoot: string): Promise<string> {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (await exists(candidate)) return candidate;
    if (dir === projectRoot || dir === path.dirname(dir)) throw new Error(`${name} is not installed under ${from}`);
  }
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

/** The bytes of the files under `dir`, without its nested `node_modules` (counted as packages of their own). */
async function folderBytes(dir: string): Promise<number> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  const files = entries.filter(
    (entry) => entry.isFile() && !path.relative(dir, entry.parentPath).split(path.sep).includes('node_modules'),
  );
  const sizes = await Promise.all(
    files.map(async (entry) => (await stat(path.join(entry.parentPath, entry.name))).size),
  );
  return sizes.reduce((sum, bytes) => sum + bytes, 0);
}
