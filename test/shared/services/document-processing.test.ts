import { describe, expect, it } from 'vitest';
import type { DocumentKnowledge } from '#shared/domain/document-knowledge';
import { toKnowledgeDocument, type KnowledgeDocument } from '#shared/domain/documents';
import { processDocument, type ProcessingDeps } from '#shared/services/document-processing';

const docs = ['a', 'b'].map((title) =>
  toKnowledgeDocument({ title, text: `${title}: Ada Lovelace wrote in London.`, domain: 'general' }),
);

/** Keeps each document with the knowledge it is saved with, so a test can see what each one's processing stored. */
function recordingKnowledge(
  saved: { document: KnowledgeDocument; knowledge: DocumentKnowledge }[],
): ProcessingDeps['knowledge'] {
  return {
    knownNames: () => Promise.resolve([]),
    saveAnalyzedDocument: (document, knowledge) => {
      saved.push({ document, knowledge });
      return Promise.resolve();
    },
  };
}

describe('processDocument', () => {
  it('stores each document with its analysis in one save', async () => {
    // Prepare
    const saved: { document: KnowledgeDocument; knowledge: DocumentKnowledge }[] = [];
    const deps = { knowledge: recordingKnowledge(saved) };

    // Act
    const ids = [];
    for (const [index, document] of docs.entries()) ids.push(await processDocument({ index, document }, deps));

    // Assess
    expect(ids).toEqual(docs.map((document) => document.id));
    expect(saved.map((save) => save.document)).toEqual(docs);
    expect(saved.map((save) => save.knowledge.documentId)).toEqual(ids);
  });
});
