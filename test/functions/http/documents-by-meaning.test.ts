import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { httpFunctions } from '#functions/manifest';
import * as deleteDocument from '#functions/http/delete-document';
import * as searchDocuments from '#functions/http/search-documents';
import * as similarDocuments from '#functions/http/similar-documents';
import * as visualizeVectors from '#functions/http/visualize-vectors';
import { documentKnowledgeStore } from '#shared/container/document-knowledge';
import { graphStore } from '#shared/container/graph';
import { embedders } from '#shared/container/embedders';
import { vectorStore } from '#shared/container/vectors';
import { toKnowledgeDocument, type KnowledgeDocument } from '#shared/domain/documents';
import { indexDocumentVectors } from '#shared/services/document-vectors';
import { authHeaders } from '../../support/auth.ts';
import { useEmbeddedDefaults } from '../../support/embedded.ts';
import { expectProblem, jsonBody } from '../../support/http.ts';
import { auditEntries, endpoint } from './knowledge-requests.ts';

useEmbeddedDefaults();

const api = {
  search: endpoint(httpFunctions.searchDocuments, searchDocuments.handler),
  similar: endpoint(httpFunctions.similarDocuments, similarDocuments.handler),
  delete: endpoint(httpFunctions.deleteDocument, deleteDocument.handler),
  visualize: endpoint(httpFunctions.visualizeVectors, visualizeVectors.handler),
};

const ADMIN = 'admin-odin';
let viewer: Record<string, string>;
let admin: Record<string, string>;

afterEach(() => {
  vi.restoreAllMocks();
});

beforeEach(async () => {
  viewer = await authHeaders('viewer', 'viewer-mimir');
  admin = await authHeaders('admin', ADMIN);
});

const UNKNOWN_DOCUMENT = 'doc_00000000000000000000000000000000';

/** Stores and indexes documents as process-documents does. */
async function processed(...inputs: { title: string; text: string }[]): Promise<KnowledgeDocument[]> {
  const documents = inputs.map((input) => toKnowledgeDocument({ ...input, domain: 'science' }));
  for (const document of documents) {
    await (await graphStore()).saveDocument(document);
    await indexDocumentVectors({ ...document, language: 'en' }, { embedders: embedders(), vectors: vectorStore() });
  }
  return documents;
}

const PHOTOSYNTHESIS = { title: 'Photosynthesis', text: 'Plants turn sunlight, water and carbon dioxide into sugar.' };
const VOLCANO = { title: 'Volcanoes', text: 'Magma rises through the crust and erupts as lava and ash.' };
const CHLOROPHYLL = { title: 'Chlorophyll', text: 'Leaves are green because chlorophyll absorbs red and blue light.' };

interface Hit {
  documentId: string;
  title: string;
  score: number;
  excerpt: string;
  domain: string;
  language: string;
}

describe('GET /search', () => {
  it('finds the document that means what the query asks, first, with its fields', async () => {
    // Prepare
    const [photosynthesis] = await processed(PHOTOSYNTHESIS, VOLCANO);

    // Act
    const result = await api.search({
      headers: viewer,
      query: { q: 'how do plants make food from light', threshold: '0' },
    });

    // Assess
    expect(result.statusCode).toBe(200);
    const body = jsonBody(result) as { hits: Hit[]; model: string };
    expect(body.model).toBe('all-minilm-l6-v2-q');
    expect(body.hits[0]).toMatchObject({
      documentId: photosynthesis?.id,
      title: 'Photosynthesis',
      domain: 'science',
      language: 'en',
    });
    expect(body.hits[0]?.excerpt.length).toBeLessThanOrEqual(200);
    expect(body.hits[0]?.score).toBeGreaterThan(body.hits[1]?.score ?? 1);
  });

  it('leaves out hits below the threshold in dense mode', async () => {
    // Prepare
    await processed(PHOTOSYNTHESIS, VOLCANO);

    // Act
    const result = await api.search({
      headers: viewer,
      query: { q: 'plants and sunlight', threshold: '0.99', mode: 'dense' },
    });

    // Assess
    expect(jsonBody(result)).toMatchObject({ mode: 'dense', hits: [] });
  });

  it('finds a document by a word it contains in hybrid mode (the default), whatever its cosine', async () => {
    // Prepare
    const [, volcano] = await processed(PHOTOSYNTHESIS, VOLCANO);

    // Act
    const result = await api.search({ headers: viewer, query: { q: 'magma', threshold: '0.99' } });

    // Assess
    const body = jsonBody(result) as { mode: string; hits: (Hit & { fusedScore: number })[] };
    expect(body.mode).toBe('hybrid');
    expect(body.hits.map((hit) => hit.documentId)).toEqual([volcano?.id]);
    expect(body.hits[0]?.score).toBeLessThan(0.99);
    expect(body.hits[0]?.fusedScore).toBeGreaterThan(0);
  });

  it('gives each hit the entities and concepts its document links to, in one graph query', async () => {
    // Prepare
    const [photosynthesis, volcano] = await processed(PHOTOSYNTHESIS, VOLCANO);
    await documentKnowledgeStore().saveDocumentKnowledge({
      documentId: photosynthesis?.id as string,
      domain: 'science',
      language: { code: 'en', confidence: 1 },
      summary: PHOTOSYNTHESIS.text,
      sentiment: { label: 'neutral', score: 0 },
      keyPhrases: [],
      entities: [{ name: 'Calvin', type: 'person', mentions: 2 }],
      concepts: [],
    });
    const lookups = vi.spyOn(documentKnowledgeStore(), 'documentLinks');

    // Act
    const result = await api.search({ headers: viewer, query: { q: 'plants and sunlight', threshold: '-1' } });

    // Assess
    const hits = (jsonBody(result) as { hits: (Hit & { entities: { name: string }[]; concepts: unknown[] })[] }).hits;
    expect(hits.find((hit) => hit.documentId === photosynthesis?.id)).toMatchObject({
      entities: [{ name: 'Calvin', type: 'person', mentions: 2 }],
      concepts: [],
    });
    expect(hits.find((hit) => hit.documentId === volcano?.id)).toMatchObject({ entities: [], concepts: [] });
    expect(lookups).toHaveBeenCalledTimes(1);
  });

  it.each([
    ['no query', {}],
    ['an empty query', { q: '  ' }],
    ['a query over 1000 characters', { q: 'x'.repeat(1001) }],
    ['a limit of 0', { q: 'plants', limit: '0' }],
    ['a limit over 100', { q: 'plants', limit: '101' }],
    ['a limit that is not a number', { q: 'plants', limit: 'ten' }],
    ['a threshold over 1', { q: 'plants', threshold: '1.5' }],
    ['an unknown domain', { q: 'plants', domain: 'astrology' }],
    ['a language that is not a code', { q: 'plants', language: 'English' }],
    ['an unknown parameter', { q: 'plants', sort: 'score' }],
    ['an unknown mode', { q: 'plants', mode: 'sparse' }],
    ['an empty mode', { q: 'plants', mode: '' }],
    ['a mode in capitals', { q: 'plants', mode: 'HYBRID' }],
  ])('refuses %s with a 400 problem', async (_, query) => {
    // Act
    const result = await api.search({ headers: viewer, query });

    // Assess
    expectProblem(result, 400);
  });
});

describe('GET /documents/{documentId}/similar', () => {
  it('ranks the nearer document first and never returns the document itself', async () => {
    // Prepare
    const [photosynthesis, , chlorophyll] = await processed(PHOTOSYNTHESIS, VOLCANO, CHLOROPHYLL);

    // Act
    const result = await api.similar({
      headers: viewer,
      pathParameters: { documentId: photosynthesis?.id ?? '' },
      query: { threshold: '-1' },
    });

    // Assess
    const hits = (jsonBody(result) as { hits: Hit[] }).hits;
    expect(hits.map((hit) => hit.documentId)).toEqual([chlorophyll?.id, expect.any(String)]);
    expect(hits.map((hit) => hit.documentId)).not.toContain(photosynthesis?.id);
  });

  it('answers 404 for a document it does not know', async () => {
    // Act
    const result = await api.similar({ headers: viewer, pathParameters: { documentId: UNKNOWN_DOCUMENT } });

    // Assess
    expectProblem(result, 404);
  });

  it.each([
    ['a malformed id', { documentId: 'not-a-document' }, {}],
    ['a limit of 0', { documentId: UNKNOWN_DOCUMENT }, { limit: '0' }],
    ['an unknown parameter', { documentId: UNKNOWN_DOCUMENT }, { q: 'x' }],
  ])('refuses %s with a 400 problem', async (_, pathParameters, query) => {
    // Act
    const result = await api.similar({ headers: viewer, pathParameters, query });

    // Assess
    expectProblem(result, 400);
  });
});

describe('DELETE /documents/{documentId}', () => {
  it('removes the node and every vector of the document, and audits it', async () => {
    // Prepare
    const [photosynthesis] = await processed(PHOTOSYNTHESIS, VOLCANO);
    const documentId = photosynthesis?.id ?? '';

    // Act
    const result = await api.delete({ headers: admin, pathParameters: { documentId } });

    // Assess
    expect(result.statusCode).toBe(204);
    expect(await (await graphStore()).getDocument(documentId)).toBeUndefined();
    expect(await vectorStore().count('science', { documentId })).toBe(0);
    expect(await vectorStore().count('science')).toBe(1);
    expect(await auditEntries(ADMIN, 'document.delete')).toHaveLength(1);
  });

  it('answers 204 again for a document already deleted', async () => {
    // Prepare
    const [photosynthesis] = await processed(PHOTOSYNTHESIS);
    const request = { headers: admin, pathParameters: { documentId: photosynthesis?.id ?? '' } };
    await api.delete(request);

    // Act
    const again = await api.delete(request);

    // Assess
    expect(again.statusCode).toBe(204);
  });

  it('refuses a malformed id with a 400 problem and deletes nothing', async () => {
    // Prepare
    await processed(PHOTOSYNTHESIS);

    // Act
    const result = await api.delete({ headers: admin, pathParameters: { documentId: 'doc_123' } });

    // Assess
    expectProblem(result, 400);
    expect(await vectorStore().count('science')).toBe(1);
  });
});

describe('GET /vectors/{domain}/visualization', () => {
  it('projects the domain’s chunks to 3-D with their metadata and explained variance', async () => {
    // Prepare
    await processed(PHOTOSYNTHESIS, VOLCANO, CHLOROPHYLL);

    // Act
    const result = await api.visualize({ headers: viewer, pathParameters: { domain: 'science' } });

    // Assess
    const body = jsonBody(result) as { points: number[][]; metadata: { title: string }[]; explainedVariance: number[] };
    expect(body.points).toHaveLength(3);
    expect(body.points.every((point) => point.length === 3)).toBe(true);
    expect(body.metadata.map((entry) => entry.title).sort()).toEqual(['Chlorophyll', 'Photosynthesis', 'Volcanoes']);
    expect(body.explainedVariance).toHaveLength(3);
    expect(body.explainedVariance.reduce((sum, share) => sum + share, 0)).toBeLessThanOrEqual(1.0001);
  });

  it.each([
    ['an unknown domain', { domain: 'astrology' }, {}],
    ['a limit under 3', { domain: 'science' }, { limit: '2' }],
    ['a limit over 2000', { domain: 'science' }, { limit: '2001' }],
  ])('refuses %s with a 400 problem', async (_, pathParameters, query) => {
    // Act
    const result = await api.visualize({ headers: viewer, pathParameters, query });

    // Assess
    expectProblem(result, 400);
  });
});
