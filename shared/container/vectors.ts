import { config } from '#shared/config';
import { EmbeddedVectorStore } from '#shared/adapters/embedded/vector-store';
import { qdrantClientFactory } from '#shared/adapters/qdrant/client';
import { QdrantVectorStore } from '#shared/adapters/qdrant/vector-store';
import { EMBEDDING_MODELS, embeddingModel, type EmbeddingModel } from '#shared/domain/embedding-models';
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
 * The models this container's embedders serve (`embedders()` in ./embedders.ts), general first, for what
 * reads vectors without embedding text: without loading an embedder.
 */
export const embeddingModels = once((): readonly EmbeddingModel[] =>
  config().embedding.backend === 'bedrock'
    ? [EMBEDDING_MODELS.titanTextV2]
    : [embeddingModel(config().embedding.onnxModel)],
);
