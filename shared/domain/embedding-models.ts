/** What a model is for, as the seed names it: `multilingual` for non-English text, `semantic` for science. */
export type EmbeddingPurpose = 'general' | 'multilingual' | 'semantic';

/** One embedding model of the registry: its name is recorded with every vector it makes. */
export interface EmbeddingModel {
  /** Stable name, e.g. `all-minilm-l6-v2`; also the name of its vectors in the vector store. */
  readonly name: string;
  readonly dimensions: number;
  /** Longest input in tokens; longer text is cut (the caller chunks long documents first). */
  readonly maxTokens: number;
  /** Which purposes it serves well; a purpose no model serves falls back to `general`. */
  readonly purposes: readonly EmbeddingPurpose[];
}

/**
 * Every model an adapter can serve. Vector store collections get one named vector per model here, so a
 * model's vectors never mix with another's.
 */
export const EMBEDDING_MODELS = {
  /** sentence-transformers/all-MiniLM-L6-v2 as ONNX, from Maven Central (langchain4j). English. */
  allMiniLmL6V2: {
    name: 'all-minilm-l6-v2',
    dimensions: 384,
    // The sentence-transformers setting: the model was trained on at most 256 word pieces.
    maxTokens: 256,
    purposes: ['general'],
  },
  /**
   * The same model with int8 weights (dynamic quantization), from the same langchain4j family: about half
   * the CPU per chunk. Its vectors are close to the fp32 model's (cosine ≈ 0.99) but not the same, so they
   * are a model of their own, never mixed with the fp32 ones.
   */
  allMiniLmL6V2Int8: {
    name: 'all-minilm-l6-v2-q',
    dimensions: 384,
    maxTokens: 256,
    purposes: ['general'],
  },
  /** Amazon Titan Text Embeddings v2 on Bedrock (cloud), at 1024 dimensions; multilingual. */
  titanTextV2: {
    name: 'titan-embed-text-v2',
    dimensions: 1024,
    maxTokens: 8192,
    purposes: ['general', 'multilingual', 'semantic'],
  },
} as const satisfies Record<string, EmbeddingModel>;

export const ALL_EMBEDDING_MODELS: readonly EmbeddingModel[] = Object.values(EMBEDDING_MODELS);

/** The registry's model of that name (a name from configuration, checked there). */
export function embeddingModel(name: string): EmbeddingModel {
  const model = ALL_EMBEDDING_MODELS.find((candidate) => candidate.name === name);
  if (model === undefined) throw new Error(`no embedding model is named ${name}`);
  return model;
}

/** What the text needs, by the seed's rule: non-English → multilingual; science, mathematics → semantic. */
export function embeddingPurpose(text: { language?: string; domain?: string }): EmbeddingPurpose {
  if (text.language !== undefined && text.language !== 'en') return 'multilingual';
  if (text.domain === 'science' || text.domain === 'mathematics') return 'semantic';
  return 'general';
}

export interface ModelChoice {
  readonly model: EmbeddingModel;
  readonly purpose: EmbeddingPurpose;
  /** True when no available model serves `purpose` and the general one stands in. */
  readonly fallback: boolean;
}

/**
 * The model among `available` for a text: one serving its purpose, else the first (general) one.
 *
 * @example
 * chooseModel({ language: 'de' }, [EMBEDDING_MODELS.allMiniLmL6V2]); // { purpose: 'multilingual', fallback: true, … }
 */
export function chooseModel(
  text: { language?: string; domain?: string },
  available: readonly EmbeddingModel[],
): ModelChoice {
  const first = available[0];
  if (first === undefined) throw new Error('No embedding model is available');
  const purpose = embeddingPurpose(text);
  const serving = available.find((model) => model.purposes.includes(purpose));
  return { model: serving ?? first, purpose, fallback: serving === undefined };
}
