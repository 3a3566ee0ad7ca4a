/** Why a vector was refused; each reason is counted (metric `EmbeddingsRejected`, dimension `reason`). */
export type VectorRejection = 'non-finite' | 'degenerate-norm' | 'like-empty-text';

/** Above this cosine similarity to the empty text's vector, a vector says nothing about its text. */
export const EMPTY_TEXT_SIMILARITY_LIMIT = 0.95;

/**
 * Whether an embedding is fit to index: every number finite, unit length (the embedders normalise, so
 * anything else means the model broke), and not a near-copy of what the model gives for no text at all.
 */
export function vectorRejection(
  vector: Float32Array | readonly number[],
  emptyTextVector: Float32Array | readonly number[],
): VectorRejection | undefined {
  let norm = 0;
  let similarity = 0;
  for (let i = 0; i < vector.length; i++) {
    const value = vector[i] ?? Number.NaN;
    if (!Number.isFinite(value)) return 'non-finite';
    norm += value * value;
    similarity += value * (emptyTextVector[i] ?? 0);
  }
  if (Math.abs(Math.sqrt(norm) - 1) > 1e-3) return 'degenerate-norm';
  if (similarity > EMPTY_TEXT_SIMILARITY_LIMIT) return 'like-empty-text';
  return undefined;
}
