import { config } from '#shared/config';
import { OnnxEmbedder } from '#shared/adapters/onnx/onnx-embedder';
import { onnxModelFiles } from '#shared/adapters/onnx/model-files';
import { EmbeddedVectorStore } from '#shared/adapters/embedded/vector-store';
import { qdrantClientFactory } from '#shared/adapters/qdrant/client';
import { QdrantVectorStore } from '#shared/adapters/qdrant/vector-store';
import { BedrockEmbedder } from '#shared/adapters/bedrock/embedder';
import { EMBEDDING_MODELS } from '#shared/domain/embedding-models';
import type { Embedder } from '#shared/ports/embedder';
import type { VectorStore } from '#shared/ports/vector-store';
import { embeddedDatabase } from './embedded-database.ts';
import { once } from './lifecycle.ts';
import { secretStore } from './secrets.ts';

/** Qdrant when `QDRANT_URL` is set, else the embedded store. */
export const vectorStore = once((): VectorStore => {
  const { qdrant, quantization } = config().vectors;
  if (!qdrant) return new EmbeddedVectorStore({ database: embeddedDatabase() });
  return new QdrantVectorStore({ client: qdrantClientFactory(qdrant, secretStore()), quantization });
});

/**
 * The embedders this container serves, general first: ONNX in process (the default), or Bedrock when
 * `EMBEDDER=bedrock`. The model registry decides which one a text gets (`chooseModel`).
 */
export const embedders = once((): readonly Embedder[] => {
  const settings = config().embedding;
  if (settings.backend === 'bedrock') {
    return [new BedrockEmbedder({ model: EMBEDDING_MODELS.titanTextV2, modelId: settings.bedrockModelId })];
  }
  const model = EMBEDDING_MODELS.allMiniLmL6V2;
  return [new OnnxEmbedder({ model, files: onnxModelFiles(settings.modelDir, 'all-minilm-l6-v2') })];
});
