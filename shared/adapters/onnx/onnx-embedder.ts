import { readFile } from 'node:fs/promises';
import type { InferenceSession as Session } from 'onnxruntime-node';
import type { Embedder, EmbeddingModel } from '#shared/ports/embedder';
import { checkModelFiles, type OnnxModelFiles } from './model-files.ts';
import type { TokenIds, WordPieceTokenizer } from './wordpiece-tokenizer.ts';

interface Loaded {
  readonly session: Session;
  readonly tokenizer: WordPieceTokenizer;
  readonly ort: typeof import('onnxruntime-node');
}

/**
 * A sentence-transformers BERT model run in process by ONNX Runtime: WordPiece ids in, the last hidden state
 * out, mean-pooled over the real tokens and scaled to unit length, as the model was trained to be used.
 * The model loads on the first call (a cold start pays it once per container).
 */
export class OnnxEmbedder implements Embedder {
  readonly component = 'embedder';
  readonly adapter = 'onnx';
  readonly model: EmbeddingModel;
  readonly #files: OnnxModelFiles;
  readonly #threads: number;
  #loading: Promise<Loaded> | undefined;

  constructor(options: { model: EmbeddingModel; files: OnnxModelFiles; threads?: number }) {
    this.model = options.model;
    this.#files = options.files;
    this.#threads = options.threads ?? 1;
  }

  async check(): Promise<void> {
    await checkModelFiles(this.#files);
    await this.#load();
  }

  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    if (texts.length === 0) return [];
    const { session, tokenizer, ort } = await this.#load();
    const encoded = texts.map((text) => tokenizer.encode(text, this.model.maxTokens));
    const width = Math.max(...encoded.map((ids) => ids.length));
    const shape = [texts.length, width];
    const { ids, mask } = padded(encoded, width);
    const outputs = await session.run({
      input_ids: new ort.Tensor('int64', ids, shape),
      attention_mask: new ort.Tensor('int64', mask, shape),
      token_type_ids: new ort.Tensor('int64', new BigInt64Array(ids.length), shape),
    });
    const hidden = outputs.last_hidden_state;
    if (hidden === undefined) throw new Error('the model returned no last_hidden_state');
    return meanPooledUnitVectors(hidden.data as Float32Array, encoded, width, this.model.dimensions);
  }

  #load(): Promise<Loaded> {
    if (!this.#loading) {
      const loading = this.#open();
      this.#loading = loading;
      loading.catch(() => {
        if (this.#loading === loading) this.#loading = undefined; // e.g. the files arrive later: try again
      });
    }
    return this.#loading;
  }

  async #open(): Promise<Loaded> {
    await checkModelFiles(this.#files);
    // Imported here, so a function that never embeds never loads the native runtime or the tokenizer (both left
    // out of the Lambda bundles, infra/aws/bundling.ts: the functions embed with Bedrock).
    const [ort, { WordPieceTokenizer }] = await Promise.all([
      import('onnxruntime-node'),
      import('./wordpiece-tokenizer.ts'),
    ]);
    const [session, tokenizerJson] = await Promise.all([
      ort.InferenceSession.create(this.#files.onnx, {
        intraOpNumThreads: this.#threads,
        interOpNumThreads: 1,
        graphOptimizationLevel: 'all',
      }),
      readFile(this.#files.tokenizer, 'utf8').then((text) => JSON.parse(text) as unknown),
    ]);
    return { session, tokenizer: new WordPieceTokenizer(tokenizerJson), ort };
  }
}

function padded(encoded: readonly TokenIds[], width: number): { ids: BigInt64Array; mask: BigInt64Array } {
  const ids = new BigInt64Array(encoded.length * width);
  const mask = new BigInt64Array(encoded.length * width);
  encoded.forEach((row, r) => {
    row.forEach((id, c) => {
      ids[r * width + c] = BigInt(id);
      mask[r * width + c] = 1n;
    });
  });
  return { ids, mask };
}

/** Mean of each row's token vectors over its real (unpadded) tokens, then divided by its L2 norm. */
function meanPooledUnitVectors(
  hidden: Float32Array,
  encoded: readonly TokenIds[],
  width: number,
  dimensions: number,
): Float32Array[] {
  return encoded.map((row, r) => {
    const vector = new Float32Array(dimensions);
    for (let t = 0; t < row.length; t++) {
      const offset = (r * width + t) * dimensions;
      for (let d = 0; d < dimensions; d++) vector[d] = (vector[d] ?? 0) + (hidden[offset + d] ?? 0);
    }
    let norm = 0;
    for (let d = 0; d < dimensions; d++) {
      const mean = (vector[d] ?? 0) / row.length;
      vector[d] = mean;
      norm += mean * mean;
    }
    norm = Math.sqrt(norm) || 1;
    for (let d = 0; d < dimensions; d++) vector[d] = (vector[d] ?? 0) / norm;
    return vector;
  });
}
