import { config } from '#shared/config';
import { BedrockEmbedder } from '#shared/adapters/bedrock/embedder';
import { onnxModelFiles } from '#shared/adapters/onnx/model-files';
import { OnnxEmbedder } from '#shared/adapters/onnx/onnx-embedder';
import { EMBEDDING_MODELS, embeddingModel } from '#shared/domain/embedding-models';
import type { Embedder } from '#shared/ports/embedder';
import { bedrockRuntimeClient } from './aws-clients.ts';
import { once } from './lifecycle.ts';

// Apart from the vector store (./vectors.ts) so that only the functions that embed (`uses.embedder`) bundle
// the tokenizer and the Bedrock client; the others ask `embeddingModels()` which models the vectors are of.

/**
 * The embedders this container serves, general first: ONNX in process (the default; `ONNX_EMBEDDING_MODEL` says which model), or Bedrock when
 * `EMBEDDER=bedrock`. The model registry decides which one a text gets (`chooseModel`).
 */
export const embedders = once((): readonly Embedder[] => {
  const settings = config().embedding;
  if (settings.backend === 'bedrock') {
    const model = EMBEDDING_MODELS.titanTextV2;
    return [new BedrockEmbedder({ model, modelId: settings.bedrockModelId, client: bedrockRuntimeClient() })];
  }
  const model = embeddingModel(settings.onnxModel);
  return [new OnnxEmbedder({ model, files: onnxModelFiles(settings.modelDir, settings.onnxModel) })];
});
