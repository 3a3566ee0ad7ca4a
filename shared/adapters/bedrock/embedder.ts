import { InvokeModelCommand, type BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { DependencyError } from '#shared/errors';
import type { Embedder, EmbeddingModel } from '#shared/ports/embedder';

/** Titan answers one text per request; this many run at once per batch. */
const CONCURRENCY = 4;

interface TitanResponse {
  readonly embedding?: unknown;
}

/**
 * Amazon Titan Text Embeddings v2 on Bedrock, through the official client: `{"inputText","dimensions",
 * "normalize":true}` in, `{"embedding":[…],"inputTextTokenCount"}` out (the documented shapes). Serves the
 * same port as the in-process model, chosen by `EMBEDDER=bedrock`.
 */
export class BedrockEmbedder implements Embedder {
  readonly component = 'embedder';
  readonly adapter = 'bedrock';
  readonly model: EmbeddingModel;
  readonly #modelId: string;
  readonly #client: BedrockRuntimeClient;

  constructor(options: { model: EmbeddingModel; modelId: string; client: BedrockRuntimeClient }) {
    this.model = options.model;
    this.#modelId = options.modelId;
    this.#client = options.client;
  }

  async check(): Promise<void> {
    await this.embed(['health']);
  }

  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    const vectors = new Array<Float32Array>(texts.length);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < texts.length) {
        const index = next++;
        vectors[index] = await this.#embedOne(texts[index] ?? '');
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, texts.length) }, worker));
    return vectors;
  }

  async #embedOne(text: string): Promise<Float32Array> {
    let response;
    try {
      response = await this.#client.send(
        new InvokeModelCommand({
          modelId: this.#modelId,
          contentType: 'application/json',
          accept: 'application/json',
          body: JSON.stringify({ inputText: text, dimensions: this.model.dimensions, normalize: true }),
        }),
      );
    } catch (error) {
      const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      const transient = status === undefined || status >= 500 || status === 429;
      throw new DependencyError('bedrock', `InvokeModel failed${status === undefined ? '' : ` (${status})`}`, {
        cause: error,
        transient,
      });
    }
    const parsed = JSON.parse(new TextDecoder().decode(response.body)) as TitanResponse;
    const embedding = parsed.embedding;
    if (!Array.isArray(embedding) || embedding.length !== this.model.dimensions) {
      throw new DependencyError('bedrock', `answered no ${this.model.dimensions}-number embedding`, {
        transient: false,
      });
    }
    return Float32Array.from(embedding as number[]);
  }
}
