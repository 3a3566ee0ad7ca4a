import { analyzeText } from '#shared/agents/text-processor/text-processor';
import { documentKnowledge } from '#shared/domain/document-knowledge';
import type { KnowledgeDocument } from '#shared/domain/documents';
import type { SummaryLength, TextAnalysis } from '#shared/domain/text-analysis';
import type { DocumentKnowledgeStore } from '#shared/ports/document-knowledge-store';
import type { KnownNameLookup } from '#shared/ports/known-names';

/** How long the summary kept on a document may be. */
export const DOCUMENT_SUMMARY_LENGTH: SummaryLength = { sentences: 3 };

export interface DocumentKnowledgeDeps {
  /** Names to link to and where the result goes: the two methods a document's analysis needs. */
  readonly knowledge: Pick<DocumentKnowledgeStore, 'knownNames' | 'saveAnalyzedDocument'>;
  /** Where the names to link to are read, when not straight from `knowledge` (e.g. `recentKnownNames`). */
  readonly knownNames?: KnownNameLookup;
}

/**
 * Reads one document with the text processor and stores it in the graph with what it found, in one
 * transaction: language, summary and sentiment on the Document, its entities (MENTIONS) and the existing
 * concepts it is ABOUT. Idempotent: the same document gives the same analysis, which replaces the last one.
 * Returns the analysis for the steps that follow (the language chooses the embedding model).
 */
export async function learnFromDocument(
  document: KnowledgeDocument,
  deps: DocumentKnowledgeDeps,
): Promise<TextAnalysis> {
  const analysis = await analyzeText(
    document.text,
    { summary: DOCUMENT_SUMMARY_LENGTH, domain: document.domain },
    { knownNames: deps.knownNames ?? deps.knowledge },
  );
  await deps.knowledge.saveAnalyzedDocument(document, documentKnowledge(document, analysis));
  return analysis;
}
