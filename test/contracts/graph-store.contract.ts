import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KnowledgeDocument } from '#shared/domain/documents';
import type { GraphStore } from '#shared/ports/graph-store';

export type MakeGraphStore = () => Promise<{ store: GraphStore; cleanup?: () => Promise<void> }>;

/** A document with an id no other test (or parallel run on the same server) uses. */
export function uniqueDocument(overrides: Partial<KnowledgeDocument> = {}): KnowledgeDocument {
  const suffix = randomUUID().replaceAll('-', '');
  return {
    id: `doc_test_${suffix}`,
    title: 'On the roots of the world tree',
    text: 'Yggdrasil binds the nine worlds.',
    domain: 'religion',
    source: 'https://example.org/eddas',
    contentHash: suffix.padEnd(64, '0'),
    ...overrides,
  };
}

function withoutSource(document: KnowledgeDocument): KnowledgeDocument {
  const { id, title, text, domain, contentHash } = document;
  return { id, title, text, domain, contentHash };
}

/** The behaviour every GraphStore adapter must share, run once per adapter. */
export function describeGraphStoreContract(adapterName: string, makeStore: MakeGraphStore): void {
  describe(`GraphStore contract: ${adapterName}`, () => {
    let store: GraphStore;
    let cleanup: (() => Promise<void>) | undefined;

    beforeEach(async () => {
      ({ store, cleanup } = await makeStore());
    });

    afterEach(async () => {
      await cleanup?.();
    });

    it('reports itself as the graph component served by this adapter', () => {
      // Assess
      expect({ component: store.component, adapter: store.adapter }).toEqual({
        component: 'graph',
        adapter: adapterName,
      });
    });

    it('can be migrated twice', async () => {
      // Act
      await store.migrate();
      const second = store.migrate();

      // Assess
      await expect(second).resolves.toBeUndefined();
    });

    it('reads back a saved document with a source exactly', async () => {
      // Prepare
      const document = uniqueDocument();

      // Act
      await store.saveDocument(document);

      // Assess
      expect(await store.getDocument(document.id)).toStrictEqual(document);
    });

    it('reads back a saved document without a source with no source key', async () => {
      // Prepare
      const document = withoutSource(uniqueDocument());

      // Act
      await store.saveDocument(document);

      // Assess
      const stored = await store.getDocument(document.id);
      expect(stored).toStrictEqual(document);
      expect(Object.keys(stored ?? {})).not.toContain('source');
    });

    it('updates the fields when the same id is saved again', async () => {
      // Prepare
      const first = uniqueDocument();
      await store.saveDocument(first);
      const second = { ...first, title: 'Revised title', text: 'Revised text.', contentHash: 'f'.repeat(64) };

      // Act
      await store.saveDocument(second);

      // Assess
      expect(await store.getDocument(first.id)).toStrictEqual(second);
    });

    it('drops the source when the same id is saved again without one', async () => {
      // Prepare
      const first = uniqueDocument();
      await store.saveDocument(first);

      // Act
      await store.saveDocument(withoutSource(first));

      // Assess
      expect(await store.getDocument(first.id)).toStrictEqual(withoutSource(first));
    });

    it('moves a document to its new domain when saved again with one', async () => {
      // Prepare
      const first = uniqueDocument({ domain: 'history' });
      await store.saveDocument(first);

      // Act
      await store.saveDocument({ ...first, domain: 'science' });

      // Assess
      expect((await store.getDocument(first.id))?.domain).toBe('science');
    });

    it('keeps one document when the same document is saved concurrently', async () => {
      // Prepare
      await store.migrate();
      const document = uniqueDocument();

      // Act
      await Promise.all(Array.from({ length: 5 }, () => store.saveDocument(document)));

      // Assess
      expect(await store.getDocument(document.id)).toStrictEqual(document);
    });

    it('deletes a document, saying it was there, and then no longer finds it', async () => {
      // Prepare
      const document = uniqueDocument();
      await store.saveDocument(document);

      // Act
      const deleted = await store.deleteDocument(document.id);

      // Assess
      expect(deleted).toBe(true);
      expect(await store.getDocument(document.id)).toBeUndefined();
    });

    it('deletes an unknown document without complaint, saying it was not there', async () => {
      // Act
      const deleted = await store.deleteDocument(uniqueDocument().id);

      // Assess
      expect(deleted).toBe(false);
    });

    it('returns undefined for an id it has never seen', async () => {
      // Act
      const stored = await store.getDocument(uniqueDocument().id);

      // Assess
      expect(stored).toBeUndefined();
    });

    it('round-trips unicode text unchanged', async () => {
      // Prepare
      const document = uniqueDocument({
        title: 'Ýggdrasill — 世界樹 🌳',
        text: 'Askr ok Embla\nعالم الشجرة\tπ≈3.14159 e\u0301 𝔜𝔤𝔤 👩🏽‍🔬 \u200b end',
        source: 'https://example.org/ýggdrasill?q=世界樹',
      });

      // Act
      await store.saveDocument(document);

      // Assess
      expect(await store.getDocument(document.id)).toStrictEqual(document);
    });

    it('answers its health check', async () => {
      // Act
      const check = store.check();

      // Assess
      await expect(check).resolves.toBeUndefined();
    });
  });
}
