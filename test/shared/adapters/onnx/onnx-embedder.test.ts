import { describe, expect, it } from 'vitest';
import { onnxModelFiles } from '#shared/adapters/onnx/model-files';
import { OnnxEmbedder } from '#shared/adapters/onnx/onnx-embedder';
import { EMBEDDING_MODELS } from '#shared/domain/embedding-models';
import { modelDirForTests } from '../../../services/models.ts';

const model = EMBEDDING_MODELS.allMiniLmL6V2;
const embedder = new OnnxEmbedder({ model, files: onnxModelFiles(modelDirForTests(), 'all-minilm-l6-v2') });
const cosine = (a: Float32Array, b: Float32Array): number => a.reduce((sum, value, i) => sum + value * (b[i] ?? 0), 0);

describe('OnnxEmbedder', () => {
  it('makes one unit vector of 384 numbers per text', async () => {
    // Act
    const vectors = await embedder.embed(['The cat sat on the mat.', 'Euclid wrote the Elements.']);

    // Assess
    expect(vectors.map((vector) => vector.length)).toEqual([384, 384]);
    for (const vector of vectors) expect(Math.hypot(...vector)).toBeCloseTo(1, 5);
  });

  it('places a paraphrase nearer than an unrelated sentence', async () => {
    // Act
    const [cat, feline, physics] = await embedder.embed([
      'The cat sat on the mat.',
      'A feline rested on the rug.',
      'Quantum chromodynamics describes the strong force.',
    ]);

    // Assess
    expect(cosine(cat as Float32Array, feline as Float32Array)).toBeGreaterThan(
      cosine(cat as Float32Array, physics as Float32Array) + 0.3,
    );
  });

  it('gives a text the same vector alone as padded in a batch with a longer one', async () => {
    // Act
    const [alone] = await embedder.embed(['Short text.']);
    const [batched] = await embedder.embed(['Short text.', 'A much longer text that forces padding of the short one.']);

    // Assess
    expect(cosine(alone as Float32Array, batched as Float32Array)).toBeCloseTo(1, 5);
  });

  it("gives with the int8 model vectors close to the fp32 model's", async () => {
    // Prepare
    const int8 = new OnnxEmbedder({
      model: EMBEDDING_MODELS.allMiniLmL6V2Int8,
      files: onnxModelFiles(modelDirForTests(), 'all-minilm-l6-v2-q'),
    });
    const texts = ['The cat sat on the mat.', 'Everyone has the right to life, liberty and security of person.'];

    // Act
    const [fp32Vectors, int8Vectors] = await Promise.all([embedder.embed(texts), int8.embed(texts)]);

    // Assess
    fp32Vectors.forEach((vector, i) => {
      const other = int8Vectors[i] as Float32Array;
      expect(other).not.toEqual(vector);
      expect(cosine(vector, other)).toBeGreaterThan(0.97);
    });
  });

  it('reports itself down, naming the command, when the model files are missing', async () => {
    // Prepare
    const missing = new OnnxEmbedder({ model, files: onnxModelFiles('/nonexistent', 'all-minilm-l6-v2') });

    // Act
    const checking = missing.check();

    // Assess
    await expect(checking).rejects.toThrow(/npm run models:prepare/);
  });
});
