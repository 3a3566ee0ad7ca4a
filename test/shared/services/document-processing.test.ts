import { describe, expect, it } from 'vitest';
import type { DocumentKnowledge } from '#shared/domain/document-knowledge';
import { toKnowledgeDocument, type KnowledgeDocument } from '#shared/domain/documents';
import type { GraphStore } from '#shared/ports/graph-store';
import { processDocument, type ProcessingDeps } from '#shared/services/document-processing';

const docs = ['a', 'b'].map((title) =>
  toKnowledgeDocument({ title, text: `${title}: Ada Lovelace wrote in London.`, domain: 'general' }),
);

/** A graph that keeps what it is given. */
function recordingGraph(stored: KnowledgeDocument[]): GraphStore {
  return {
    component: 'graph',
    adapter: 'fake',
    check: () => Promise.resolve(),
    migrate: () => Promise.resolve(),
    close: () => Promise.resolve(),
    getDocument: () => Promise.resolve(undefined),
    deleteDocument: () => Promise.resolve(false),
    saveDocument: (document) => {
      stored.push(document);
      return Promise.resolve();
    },
  };
}

/** Keeps the knowledge it is given, so a test can see what each document's analysis stored. */
function recordingKnowledge(saved: DocumentKnowledge[]): ProcessingDeps['knowledge'] {
  return {
    knownNames: () => Promise.resolve([]),
    saveDocumentKnowledge: (knowledge) => {
      saved.push(knowledge);
      return Promise.resolve();
    },
  };
}

describe('processDocument', () => {
  it('stores each document and keeps its analysis in the graph', async () => {
    // Prepare
    const stored: KnowledgeDocument[] = [];
    const saved: DocumentKnowledge[] = [];
    const deps = { graph: recordingGraph(stored), knowledge: recordingKnowledge(saved) };

    // Act
    const ids = [];
    for (const [index, document] of docs.entries()) ids.push(await processDocument({ index, document }, deps));

    // Assess
    expect(ids).toEqual(docs.map((document) => document.id));
    expect(stored.map((document) => document.id)).toEqual(ids);
    expect(saved.map((knowledge) => knowledge.documentId)).toEqual(ids);
  });
});
