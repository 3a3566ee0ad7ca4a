import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newConcept, newConceptId, type Concept } from '#shared/domain/concepts';
import { DOCUMENT_LIST_LIMITS, entityId, type DocumentKnowledge } from '#shared/domain/document-knowledge';
import { toKnowledgeDocument, type KnowledgeDocument } from '#shared/domain/documents';
import { ConflictError, NotFoundError } from '#shared/errors';
import type { DocumentKnowledgeStore } from '#shared/ports/document-knowledge-store';
import type { GraphStore } from '#shared/ports/graph-store';
import type { KnowledgeStore } from '#shared/ports/knowledge-store';

/**
 * The stores under test, on one graph. Every test writes to the `art` domain only, which the factory
 * empties first, so counts and lists see this test's rows alone.
 */
export type MakeDocumentKnowledgeStore = () => Promise<{
  store: DocumentKnowledgeStore;
  graph: GraphStore;
  knowledge: KnowledgeStore;
  cleanup?: () => Promise<void>;
}>;

const DOMAIN = 'art';

function aDocument(title = `Painting ${randomUUID()}`): KnowledgeDocument {
  return toKnowledgeDocument({ title, text: 'Monet painted water lilies in Giverny.', domain: DOMAIN });
}

function aConceptNamed(name: string): Concept {
  return newConcept({ name, domain: DOMAIN, type: 'idea' }, newConceptId(), new Date('2030-01-01T00:00:00.000Z'));
}

function knowledgeOf(document: KnowledgeDocument, overrides: Partial<DocumentKnowledge> = {}): DocumentKnowledge {
  return {
    documentId: document.id,
    domain: DOMAIN,
    language: { code: 'en', confidence: 0.8 },
    summary: 'Monet painted water lilies.',
    sentiment: { label: 'neutral', score: 0 },
    keyPhrases: ['water lilies', 'giverny'],
    entities: [
      { name: 'Monet', type: 'person', mentions: 2 },
      { name: 'Giverny', type: 'place', mentions: 1 },
    ],
    concepts: [],
    ...overrides,
  };
}

/** The behaviour every DocumentKnowledgeStore adapter must share, run once per adapter. */
export function describeDocumentKnowledgeStoreContract(adapterName: string, make: MakeDocumentKnowledgeStore): void {
  describe(`DocumentKnowledgeStore contract: ${adapterName}`, () => {
    let store: DocumentKnowledgeStore;
    let graph: GraphStore;
    let knowledge: KnowledgeStore;
    let cleanup: (() => Promise<void>) | undefined;

    beforeEach(async () => {
      ({ store, graph, knowledge, cleanup } = await make());
    });

    afterEach(async () => {
      await cleanup?.();
    });

    async function storedDocument(title?: string): Promise<KnowledgeDocument> {
      const document = aDocument(title);
      await graph.saveDocument(document);
      return document;
    }

    it('stores the analysis, the entities and the concept links of a document', async () => {
      // Prepare
      const document = await storedDocument();
      const concept = aConceptNamed('Impressionism');
      await knowledge.concepts.create(concept);

      // Act
      await store.saveDocumentKnowledge(
        knowledgeOf(document, { concepts: [{ conceptId: concept.id, confidence: 0.75 }] }),
      );

      // Assess
      expect(await store.getDocument(document.id)).toStrictEqual({
        id: document.id,
        title: document.title,
        domain: DOMAIN,
        contentHash: document.contentHash,
        text: document.text,
        language: { code: 'en', confidence: 0.8 },
        summary: 'Monet painted water lilies.',
        sentiment: { label: 'neutral', score: 0 },
        keyPhrases: ['water lilies', 'giverny'],
        entities: [
          { id: entityId('Giverny', DOMAIN), name: 'Giverny', type: 'place', mentions: 1 },
          { id: entityId('Monet', DOMAIN), name: 'Monet', type: 'person', mentions: 2 },
        ],
        concepts: [{ id: concept.id, name: 'Impressionism', confidence: 0.75 }],
      });
    });

    it('stores a new document with its analysis in one save, as the graph store and the analysis save would', async () => {
      // Prepare
      const document = aDocument();
      const concept = aConceptNamed('Water lilies');
      await knowledge.concepts.create(concept);
      const expected = knowledgeOf(document, { concepts: [{ conceptId: concept.id, confidence: 0.5 }] });

      // Act
      await store.saveAnalyzedDocument(document, expected);

      // Assess
      expect(await graph.getDocument(document.id)).toStrictEqual(document);
      expect(await store.getDocument(document.id)).toMatchObject({
        id: document.id,
        summary: 'Monet painted water lilies.',
        entities: [{ name: 'Giverny' }, { name: 'Monet' }],
        concepts: [{ id: concept.id, confidence: 0.5 }],
      });
    });

    it('changes nothing when the same document and analysis are saved again', async () => {
      // Prepare
      const document = aDocument();
      await store.saveAnalyzedDocument(document, knowledgeOf(document));
      const first = await store.getDocument(document.id);
      const overview = await store.domainOverview(DOMAIN);

      // Act
      await store.saveAnalyzedDocument(document, knowledgeOf(document));

      // Assess
      expect(await store.getDocument(document.id)).toStrictEqual(first);
      expect(await store.domainOverview(DOMAIN)).toStrictEqual(overview);
    });

    it('changes nothing when the same knowledge is saved twice', async () => {
      // Prepare
      const document = await storedDocument();
      await store.saveDocumentKnowledge(knowledgeOf(document));
      const first = await store.getDocument(document.id);
      const overview = await store.domainOverview(DOMAIN);

      // Act
      await store.saveDocumentKnowledge(knowledgeOf(document));

      // Assess
      expect(await store.getDocument(document.id)).toStrictEqual(first);
      expect(await store.domainOverview(DOMAIN)).toStrictEqual(overview);
    });

    it('replaces the links of an earlier analysis', async () => {
      // Prepare
      const document = await storedDocument();
      const concept = aConceptNamed('Plein air');
      await knowledge.concepts.create(concept);
      await store.saveDocumentKnowledge(
        knowledgeOf(document, { concepts: [{ conceptId: concept.id, confidence: 0.5 }] }),
      );

      // Act
      await store.saveDocumentKnowledge(
        knowledgeOf(document, { entities: [{ name: 'Monet', type: 'person', mentions: 1 }], concepts: [] }),
      );

      // Assess
      const details = await store.getDocument(document.id);
      expect(details?.entities.map((entity) => entity.name)).toEqual(['Monet']);
      expect(details?.concepts).toEqual([]);
    });

    it('keeps one entity per name and domain however many documents mention it', async () => {
      // Prepare
      const [first, second] = [await storedDocument(), await storedDocument()];

      // Act
      await store.saveDocumentKnowledge(knowledgeOf(first));
      await store.saveDocumentKnowledge(knowledgeOf(second));

      // Assess
      const names = (await store.knownNames(DOMAIN)).filter((known) => known.kind === 'entity');
      expect(names).toStrictEqual([
        { kind: 'entity', id: entityId('Giverny', DOMAIN), name: 'Giverny', domain: DOMAIN, entityType: 'place' },
        { kind: 'entity', id: entityId('Monet', DOMAIN), name: 'Monet', domain: DOMAIN, entityType: 'person' },
      ]);
    });

    it('skips a link to a concept the graph does not hold', async () => {
      // Prepare
      const document = await storedDocument();

      // Act
      await store.saveDocumentKnowledge(
        knowledgeOf(document, { concepts: [{ conceptId: newConceptId(), confidence: 0.9 }] }),
      );

      // Assess
      expect((await store.getDocument(document.id))?.concepts).toEqual([]);
    });

    it('refuses knowledge for a document the graph does not hold', async () => {
      // Act
      const saving = store.saveDocumentKnowledge(knowledgeOf(aDocument()));

      // Assess
      await expect(saving).rejects.toBeInstanceOf(NotFoundError);
    });

    it('gives the links of several documents at once, leaving unknown ids out', async () => {
      // Prepare
      const [first, second, bare] = [await storedDocument(), await storedDocument(), await storedDocument()];
      const concept = aConceptNamed('Impressionism');
      await knowledge.concepts.create(concept);
      await store.saveDocumentKnowledge(
        knowledgeOf(first, { concepts: [{ conceptId: concept.id, confidence: 0.75 }] }),
      );
      await store.saveDocumentKnowledge(
        knowledgeOf(second, { entities: [{ name: 'Renoir', type: 'person', mentions: 1 }] }),
      );

      // Act
      const links = await store.documentLinks([first.id, second.id, bare.id, 'doc_unknown']);

      // Assess
      expect(Object.fromEntries(links)).toStrictEqual({
        [first.id]: {
          entities: [
            { id: entityId('Monet', DOMAIN), name: 'Monet', type: 'person', mentions: 2 },
            { id: entityId('Giverny', DOMAIN), name: 'Giverny', type: 'place', mentions: 1 },
          ],
          concepts: [{ id: concept.id, name: 'Impressionism', confidence: 0.75 }],
        },
        [second.id]: {
          entities: [{ id: entityId('Renoir', DOMAIN), name: 'Renoir', type: 'person', mentions: 1 }],
          concepts: [],
        },
        [bare.id]: { entities: [], concepts: [] },
      });
    });

    it('gives each document its most mentioned entities only, up to the per-hit maximum', async () => {
      // Prepare
      const document = await storedDocument();
      const entities = Array.from({ length: DOCUMENT_LIST_LIMITS.maxLinksPerHit + 3 }, (_, i) => ({
        name: `Painter ${String(i).padStart(2, '0')}`,
        type: 'person' as const,
        mentions: i + 1,
      }));
      await store.saveDocumentKnowledge(knowledgeOf(document, { entities }));

      // Act
      const links = await store.documentLinks([document.id]);

      // Assess
      const names = links.get(document.id)?.entities.map((entity) => entity.name);
      expect(names).toHaveLength(DOCUMENT_LIST_LIMITS.maxLinksPerHit);
      expect(names?.[0]).toBe(`Painter ${DOCUMENT_LIST_LIMITS.maxLinksPerHit + 2}`);
    });

    it('gives no links for no ids', async () => {
      // Act
      const links = await store.documentLinks([]);

      // Assess
      expect(links.size).toBe(0);
    });

    it('answers undefined for an unknown document', async () => {
      // Act
      const found = await store.getDocument(aDocument().id);

      // Assess
      expect(found).toBeUndefined();
    });

    it('knows the concepts of a domain by name, and no other domain’s', async () => {
      // Prepare
      const concept = aConceptNamed('Cubism');
      await knowledge.concepts.create(concept);

      // Act
      const names = await store.knownNames(DOMAIN);

      // Assess
      expect(names).toContainEqual({ kind: 'concept', id: concept.id, name: 'Cubism', domain: DOMAIN });
      expect(names.every((known) => known.domain === DOMAIN)).toBe(true);
    });

    it('knows the names of every domain when asked for none', async () => {
      // Prepare: a name that sorts before any word, so the list's cap does not cut it off on a shared graph.
      const concept = aConceptNamed('0 Cubism');
      await knowledge.concepts.create(concept);

      // Act
      const names = await store.knownNames();

      // Assess
      expect(names).toContainEqual({ kind: 'concept', id: concept.id, name: '0 Cubism', domain: DOMAIN });
    });

    it('answers its health check', async () => {
      // Act
      const check = store.check();

      // Assess
      await expect(check).resolves.toBeUndefined();
    });

    it('lists documents by language, a page at a time, each once', async () => {
      // Prepare
      const documents = [await storedDocument(), await storedDocument(), await storedDocument()];
      for (const document of documents) await store.saveDocumentKnowledge(knowledgeOf(document));
      const french = await storedDocument();
      await store.saveDocumentKnowledge(knowledgeOf(french, { language: { code: 'fr', confidence: 0.9 } }));

      // Act
      const first = await store.listDocuments({ domain: DOMAIN, language: 'en', limit: 2 });
      const second = await store.listDocuments({
        domain: DOMAIN,
        language: 'en',
        limit: 2,
        ...(first.nextCursor !== undefined && { cursor: first.nextCursor }),
      });

      // Assess
      const listed = [...first.items, ...second.items].map((item) => item.id);
      expect(listed).toEqual(documents.map((document) => document.id).sort());
      expect(second.nextCursor).toBeUndefined();
      expect(first.items[0]).toMatchObject({ language: { code: 'en' }, summary: 'Monet painted water lilies.' });
    });

    it('counts a domain and ranks its most connected concepts', async () => {
      // Prepare
      const [linked, related, alone] = ['Fauvism', 'Expressionism', 'Dada'].map(aConceptNamed);
      for (const concept of [linked, related, alone]) if (concept) await knowledge.concepts.create(concept);
      if (!linked || !related) throw new Error('three concepts were made');
      await knowledge.relateConcepts(linked.id, related.id, 'influences', 0.5);
      const document = await storedDocument();
      await store.saveDocumentKnowledge(
        knowledgeOf(document, { concepts: [{ conceptId: linked.id, confidence: 0.5 }] }),
      );

      // Act
      const overview = await store.domainOverview(DOMAIN);

      // Assess
      expect(overview).toStrictEqual({
        domain: DOMAIN,
        documents: 1,
        entities: 2,
        concepts: 3,
        claims: 0,
        topConcepts: [
          { id: linked.id, name: 'Fauvism', connections: 2 },
          { id: related.id, name: 'Expressionism', connections: 1 },
        ],
      });
    });

    it('keeps a concept that a document is about from being deleted', async () => {
      // Prepare
      const document = await storedDocument();
      const concept = aConceptNamed('Pointillism');
      await knowledge.concepts.create(concept);
      await store.saveDocumentKnowledge(
        knowledgeOf(document, { concepts: [{ conceptId: concept.id, confidence: 0.5 }] }),
      );

      // Act
      const deleting = knowledge.concepts.delete(concept.id);

      // Assess
      await expect(deleting).rejects.toBeInstanceOf(ConflictError);
    });
  });
}
