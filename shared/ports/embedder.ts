import type { EmbeddingModel } from '#shared/domain/embedding-models';
import type { HealthCheck } from './health.ts';

export type { EmbeddingModel, EmbeddingPurpose } from '#shared/domain/embedding-models';

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
