import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chunkPointId } from '#shared/domain/document-chunks';
import type { Domain } from '#shared/domain/documents';
import { EMBEDDING_MODELS } from '#shared/domain/embedding-models';
import type { SparseVector } from '#shared/domain/keyword-terms';
import type { ChunkPayload, VectorPoint, VectorStore } from '#shared/ports/vector-store';

/** Makes a fresh, empty vector store for one test. */
export type MakeVectorStore = () => Promise<{ store: VectorStore; cleanup?: () => void | Promise<void> }>;

const MODEL = EMBEDDING_MODELS.allMiniLmL6V2;
const DIMENSIONS = MODEL.dimensions;

/** A unit vector along axis `axis`, tilted by `tilt` towards the next axis: nearby axes are nearby vectors. */
function direction(axis: number, tilt = 0): number[] {
  const vector = new Array<number>(DIMENSIONS).fill(0);
  vector[axis] = 1;
  vector[(axis + 1) % DIMENSIONS] = tilt;
  return vector;
}

function point(
  documentId: string,
  chunk: number,
  vector: number[],
  fields: Partial<ChunkPayload> = {},
  keywords?: SparseVector,
): VectorPoint {
  return {
    id: chunkPointId(documentId, chunk),
    vector,
    ...(keywords !== undefined && { keywords }),
    payload: {
      documentId,
      chunk,
      title: `Title of ${documentId}`,
      domain: 'science',
      language: 'en',
      model: MODEL.name,
      excerpt: `Chunk ${chunk} of ${documentId}`,
      ...fields,
    },
  };
}

/** The behaviour every VectorStore adapter must share, run once per adapter. */
export function describeVectorStoreContract(adapterName: string, makeStore: MakeVectorStore): void {
  describe(`VectorStore contract: ${adapterName}`, () => {
    let store: VectorStore;
    let cleanup: (() => void | Promise<void>) | undefined;
    const domain: Domain = 'science';

    beforeEach(async () => {
      ({ store, cleanup } = await makeStore());
    });

    afterEach(async () => {
      await cleanup?.();
    });

    it('answers its health check', async () => {
      // Act
      const checked = store.check();

      // Assess
      await expect(checked).resolves.toBeUndefined();
    });

    it('finds the nearest points first, with their cosine similarity as score', async () => {
      // Prepare
      await store.upsert(domain, MODEL, [
        point('doc-a', 0, direction(0)),
        point('doc-b', 0, direction(0, 1)),
        point('doc-c', 0, direction(5)),
      ]);

      // Act
      const hits = await store.search({ domain, model: MODEL, vector: direction(0, 0.1), limit: 3 });

      // Assess
      expect(hits.map((hit) => hit.payload.documentId)).toEqual(['doc-a', 'doc-b', 'doc-c']);
      expect(hits[0]?.score).toBeCloseTo(1 / Math.hypot(1, 0.1), 4);
      expect(hits[1]?.score).toBeCloseTo(1.1 / (Math.SQRT2 * Math.hypot(1, 0.1)), 4);
      expect(hits[2]?.score).toBeCloseTo(0, 4);
    });

    it('scales vectors to unit length, so scores do not depend on their length', async () => {
      // Prepare
      await store.upsert(domain, MODEL, [
        point(
          'doc-long',
          0,
          direction(3).map((value) => value * 7),
        ),
      ]);

      // Act
      const [hit] = await store.search({ domain, model: MODEL, vector: direction(3).map((v) => v / 2), limit: 1 });

      // Assess
      expect(hit?.score).toBeCloseTo(1, 4);
    });

    it('returns at most the limit', async () => {
      // Prepare
      await store.upsert(
        domain,
        MODEL,
        [0, 1, 2, 3, 4].map((chunk) => point('doc-a', chunk, direction(chunk))),
      );

      // Act
      const hits = await store.search({ domain, model: MODEL, vector: direction(0), limit: 2 });

      // Assess
      expect(hits).toHaveLength(2);
    });

    it('leaves out hits scoring below the threshold', async () => {
      // Prepare
      await store.upsert(domain, MODEL, [point('doc-a', 0, direction(0)), point('doc-b', 0, direction(9))]);

      // Act
      const hits = await store.search({ domain, model: MODEL, vector: direction(0), limit: 10, threshold: 0.5 });

      // Assess
      expect(hits.map((hit) => hit.payload.documentId)).toEqual(['doc-a']);
    });

    it('filters by language', async () => {
      // Prepare
      await store.upsert(domain, MODEL, [
        point('doc-en', 0, direction(0)),
        point('doc-de', 0, direction(0, 0.5), { language: 'de' }),
      ]);

      // Act
      const hits = await store.search({
        domain,
        model: MODEL,
        vector: direction(0),
        limit: 10,
        filter: { language: 'de' },
      });

      // Assess
      expect(hits.map((hit) => hit.payload.documentId)).toEqual(['doc-de']);
    });

    it('leaves out one document when asked to', async () => {
      // Prepare
      await store.upsert(domain, MODEL, [point('doc-a', 0, direction(0)), point('doc-b', 0, direction(0, 0.5))]);

      // Act
      const hits = await store.search({
        domain,
        model: MODEL,
        vector: direction(0),
        limit: 10,
        filter: { notDocumentId: 'doc-a' },
      });

      // Assess
      expect(hits.map((hit) => hit.payload.documentId)).toEqual(['doc-b']);
    });

    it('finds nothing in a domain nothing was stored in', async () => {
      // Prepare
      await store.upsert(domain, MODEL, [point('doc-a', 0, direction(0))]);

      // Act
      const hits = await store.search({ domain: 'history', model: MODEL, vector: direction(0), limit: 10 });

      // Assess
      expect(hits).toEqual([]);
    });

    it('keeps one point per id: upserting again replaces it', async () => {
      // Prepare
      await store.upsert(domain, MODEL, [point('doc-a', 0, direction(0), { title: 'First' })]);

      // Act
      await store.upsert(domain, MODEL, [point('doc-a', 0, direction(1), { title: 'Second' })]);

      // Assess
      expect(await store.count(domain)).toBe(1);
      const [hit] = await store.search({ domain, model: MODEL, vector: direction(1), limit: 1 });
      expect(hit?.payload.title).toBe('Second');
      expect(hit?.score).toBeCloseTo(1, 4);
    });

    it('stores every point of a write larger than one request batch', async () => {
      // Prepare
      const points = Array.from({ length: 300 }, (_, chunk) =>
        point('doc-big', chunk, direction(chunk % DIMENSIONS, 0.3)),
      );

      // Act
      await store.upsert(domain, MODEL, points);

      // Assess
      expect(await store.count(domain, { documentId: 'doc-big' })).toBe(300);
    });

    it('retrieves points by id with their payload, and their unit vector when asked', async () => {
      // Prepare
      const stored = point(
        'doc-a',
        0,
        direction(2).map((value) => value * 3),
      );
      await store.upsert(domain, MODEL, [stored, point('doc-b', 0, direction(4))]);

      // Act
      const points = await store.retrieve(domain, [stored.id, chunkPointId('doc-missing', 0)], {
        model: MODEL,
        withVectors: true,
      });

      // Assess
      expect(points).toHaveLength(1);
      expect(points[0]?.id).toBe(stored.id);
      expect(points[0]?.payload).toEqual(stored.payload);
      expect(points[0]?.vector?.[2]).toBeCloseTo(1, 5);
    });

    it('retrieves without vectors unless asked', async () => {
      // Prepare
      const stored = point('doc-a', 0, direction(2));
      await store.upsert(domain, MODEL, [stored]);

      // Act
      const [found] = await store.retrieve(domain, [stored.id]);

      // Assess
      expect(found?.vector).toBeUndefined();
    });

    it('scrolls through every point once, in pages, in id order', async () => {
      // Prepare
      const points = Array.from({ length: 7 }, (_, chunk) => point('doc-a', chunk, direction(chunk)));
      await store.upsert(domain, MODEL, points);

      // Act
      const seen: string[] = [];
      let offset: string | undefined;
      let pages = 0;
      do {
        const page = await store.scroll(domain, { limit: 3, ...(offset !== undefined && { offset }) });
        seen.push(...page.points.map((stored) => stored.id));
        offset = page.nextOffset;
        pages += 1;
      } while (offset !== undefined);

      // Assess
      expect(pages).toBe(3);
      expect(seen).toEqual(points.map((stored) => stored.id).sort());
    });

    it('scrolls with a filter and with vectors', async () => {
      // Prepare
      await store.upsert(domain, MODEL, [
        point('doc-a', 0, direction(0)),
        point('doc-b', 0, direction(1), { language: 'fr' }),
      ]);

      // Act
      const page = await store.scroll(domain, {
        limit: 10,
        filter: { language: 'fr' },
        model: MODEL,
        withVectors: true,
      });

      // Assess
      expect(page.points.map((stored) => stored.payload.documentId)).toEqual(['doc-b']);
      expect(page.points[0]?.vector).toHaveLength(DIMENSIONS);
      expect(page.nextOffset).toBeUndefined();
    });

    it('counts all points, or those matching a filter', async () => {
      // Prepare
      await store.upsert(domain, MODEL, [
        point('doc-a', 0, direction(0)),
        point('doc-a', 1, direction(1)),
        point('doc-b', 0, direction(2), { language: 'es' }),
      ]);

      // Act
      const counts = [
        await store.count(domain),
        await store.count(domain, { documentId: 'doc-a' }),
        await store.count(domain, { language: 'es' }),
        await store.count('art'),
      ];

      // Assess
      expect(counts).toEqual([3, 2, 1, 0]);
    });

    it('deletes every point of one document and nothing else', async () => {
      // Prepare
      await store.upsert(domain, MODEL, [
        point('doc-a', 0, direction(0)),
        point('doc-a', 1, direction(1)),
        point('doc-b', 0, direction(2)),
      ]);

      // Act
      await store.deleteDocument(domain, 'doc-a');

      // Assess
      expect(await store.count(domain, { documentId: 'doc-a' })).toBe(0);
      const hits = await store.search({ domain, model: MODEL, vector: direction(0), limit: 10 });
      expect(hits.map((hit) => hit.payload.documentId)).toEqual(['doc-b']);
    });

    it('deletes a document that has no points without complaint', async () => {
      // Act
      const deleting = store.deleteDocument('religion', 'doc-never');

      // Assess
      await expect(deleting).resolves.toBeUndefined();
    });

    it('keeps each domain in its own collection', async () => {
      // Prepare
      await store.upsert('art', MODEL, [point('doc-art', 0, direction(0), { domain: 'art' })]);
      await store.upsert(domain, MODEL, [point('doc-sci', 0, direction(0))]);

      // Act
      const hits = await store.search({ domain: 'art', model: MODEL, vector: direction(0), limit: 10 });

      // Assess
      expect(hits.map((hit) => hit.payload.documentId)).toEqual(['doc-art']);
    });

    describe('hybrid search (keyword vectors fused with the dense hits by reciprocal rank)', () => {
      const ALPHA = 5;
      const RARE = 7;
      const keywords = (pairs: Record<number, number>): SparseVector => ({
        indices: Object.keys(pairs).map(Number),
        values: Object.values(pairs),
      });
      const query = { domain, model: MODEL, vector: direction(0), keywords: keywords({ [ALPHA]: 1, [RARE]: 1 }) };

      beforeEach(async () => {
        await store.upsert(domain, MODEL, [
          point('doc-a', 0, direction(0), {}, keywords({ [ALPHA]: 1 })),
          point('doc-b', 0, direction(0, 0.5)),
          point('doc-k', 0, direction(9), {}, keywords({ [RARE]: 3 })),
          point('doc-de', 0, direction(20), { language: 'de' }, keywords({ [RARE]: 3 })),
        ]);
      });

      it('finds a point by its keywords that dense search alone leaves out', async () => {
        // Act
        const dense = await store.search({ ...query, keywords: undefined, limit: 2 });
        const hybrid = await store.search({ ...query, limit: 2, filter: { language: 'en' } });

        // Assess
        expect(dense.map((hit) => hit.payload.documentId)).toEqual(['doc-a', 'doc-b']);
        expect(hybrid.map((hit) => hit.payload.documentId)).toEqual(['doc-a', 'doc-k']);
      });

      it('orders by the fused score and keeps the cosine as score', async () => {
        // Act
        const hits = await store.search({ ...query, limit: 3, filter: { language: 'en' } });

        // Assess
        expect(hits.map((hit) => hit.payload.documentId)).toEqual(['doc-a', 'doc-k', 'doc-b']);
        expect(hits[0]?.fused).toBeCloseTo(1 / 60 + 1 / 61, 5);
        expect(hits[1]?.fused).toBeCloseTo(1 / 60 + 1 / 62, 5); // third by cosine, first by keywords
        expect(hits[2]?.fused).toBeCloseTo(1 / 61, 5);
        expect(hits[0]?.score).toBeCloseTo(1, 4);
        expect(hits[1]?.score).toBeCloseTo(0, 4);
      });

      it('applies the filter to the keyword hits too', async () => {
        // Act
        const hits = await store.search({ ...query, limit: 10, filter: { language: 'de' } });

        // Assess
        expect(hits.map((hit) => hit.payload.documentId)).toEqual(['doc-de']);
      });

      it('applies the threshold to the hits found by meaning only', async () => {
        // Act
        const hits = await store.search({ ...query, limit: 10, threshold: 0.95, filter: { language: 'en' } });

        // Assess
        expect(hits.map((hit) => hit.payload.documentId)).toEqual(['doc-a', 'doc-k']);
      });

      it('forgets the keywords of a deleted document', async () => {
        // Act
        await store.deleteDocument(domain, 'doc-k');
        const hits = await store.search({ ...query, limit: 10, filter: { language: 'en' } });

        // Assess
        expect(hits.map((hit) => hit.payload.documentId)).toEqual(['doc-a', 'doc-b']);
      });
    });

    it('refuses a vector whose length is not the model’s', async () => {
      // Act
      const writing = store.upsert(domain, MODEL, [point('doc-a', 0, [1, 0, 0])]);

      // Assess
      await expect(writing).rejects.toThrow();
      expect(await store.count(domain)).toBe(0);
    });
  });
}
