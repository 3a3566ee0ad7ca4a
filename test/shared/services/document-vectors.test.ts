import { describe, expect, it } from 'vitest';
import { openEmbeddedDatabase } from '#shared/adapters/embedded/database';
import { EmbeddedVectorStore } from '#shared/adapters/embedded/vector-store';
import { onnxModelFiles } from '#shared/adapters/onnx/model-files';
import { OnnxEmbedder } from '#shared/adapters/onnx/onnx-embedder';
import { chunkPointId, CHUNKING } from '#shared/domain/document-chunks';
import { toKnowledgeDocument } from '#shared/domain/documents';
import { EMBEDDING_MODELS } from '#shared/domain/embedding-models';
import type { Embedder } from '#shared/ports/embedder';
import { indexDocumentVectors } from '#shared/services/document-vectors';
import { modelDirForTests } from '../../services/models.ts';

const model = EMBEDDING_MODELS.allMiniLmL6V2;
const onnx = new OnnxEmbedder({ model, files: onnxModelFiles(modelDirForTests(), 'all-minilm-l6-v2') });

function store(): EmbeddedVectorStore {
  return new EmbeddedVectorStore({ database: openEmbeddedDatabase({ dataDir: '', inMemory: true }) });
}

/** 400 distinct words: three chunks of 180 with 40 overlapping. */
const longText = Array.from({ length: 400 }, (_, i) => `word${i}`).join(' ');
const long = toKnowledgeDocument({ title: 'Long', text: longText, domain: 'science' });

describe('indexDocumentVectors', () => {
  it('upserts one point per overlapping chunk, with its payload and the model that embedded it', async () => {
    // Prepare
    const vectors = store();

    // Act
    const outcome = await indexDocumentVectors({ ...long, language: 'en' }, { embedders: [onnx], vectors });

    // Assess
    expect(outcome).toEqual({ model: model.name, chunks: 3, rejected: 0, indexed: true });
    const page = await vectors.scroll('science', { limit: 10 });
    expect(page.points.map((point) => point.id).sort()).toEqual([0, 1, 2].map((c) => chunkPointId(long.id, c)).sort());
    const first = page.points.find((point) => point.payload.chunk === 0)?.payload;
    expect(first).toMatchObject({
      documentId: long.id,
      title: 'Long',
      domain: 'science',
      language: 'en',
      model: model.name,
    });
    expect(first?.excerpt.length).toBeLessThanOrEqual(CHUNKING.excerptChars);
  });

  it('changes nothing when the same document is indexed again', async () => {
    // Prepare
    const vectors = store();
    await indexDocumentVectors(long, { embedders: [onnx], vectors });
    const before = await vectors.scroll('science', { limit: 10, withVectors: true });

    // Act
    await indexDocumentVectors(long, { embedders: [onnx], vectors });

    // Assess
    expect(await vectors.scroll('science', { limit: 10, withVectors: true })).toEqual(before);
  });

  it('refuses a vector that fails the quality check and indexes the rest', async () => {
    // Prepare
    const broken: Embedder = {
      component: 'embedder',
      adapter: 'fake',
      model,
      check: () => Promise.resolve(),
      embed: (texts) =>
        onnx.embed(texts).then((vectors) => vectors.map((v, i) => (i === 1 ? v.map(() => Number.NaN) : v))),
    };
    const vectors = store();

    // Act
    const outcome = await indexDocumentVectors(long, { embedders: [broken], vectors });

    // Assess
    expect(outcome).toMatchObject({ chunks: 2, rejected: 1 });
    expect(await vectors.count('science')).toBe(2);
  });

  it('stores nothing and says so when no model is installed', async () => {
    // Prepare
    const missing = new OnnxEmbedder({ model, files: onnxModelFiles('/nonexistent', 'all-minilm-l6-v2') });
    const vectors = store();

    // Act
    const outcome = await indexDocumentVectors(long, { embedders: [missing], vectors });

    // Assess
    expect(outcome).toEqual({ chunks: 0, rejected: 0, indexed: false });
    expect(await vectors.count('science')).toBe(0);
  });
});
