import type { HealthCheck } from './health.ts';

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

/** Turns text into unit-length vectors with one model. */
export interface Embedder extends HealthCheck {
  readonly model: EmbeddingModel;
  /** One vector per text, in order, each of `model.dimensions` numbers and L2 norm 1. */
  embed(texts: readonly string[]): Promise<Float32Array[]>;
}

/** The model's files are not installed (locally: `npm run models:prepare` has not run). Nothing to retry. */
export class ModelNotInstalledError extends Error {
  override name = 'ModelNotInstalledError';
}
