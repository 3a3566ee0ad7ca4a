/**
 * The embedded graph's document knowledge: Entity nodes (unique by name and domain), and the documents'
 * MENTIONS and ABOUT links. Its own module because the knowledge store reads `document_concepts` too (a
 * concept a document is about is not deleted).
 */
export const DOCUMENT_KNOWLEDGE_SCHEMA = `
  CREATE TABLE IF NOT EXISTS document_analysis (
    document_id TEXT PRIMARY KEY,
    language TEXT NOT NULL,
    language_confidence REAL NOT NULL,
    summary TEXT NOT NULL,
    sentiment_label TEXT NOT NULL,
    sentiment_score REAL NOT NULL,
    key_phrases TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS document_analysis_by_language ON document_analysis (language);
  CREATE TABLE IF NOT EXISTS entities (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    domain TEXT NOT NULL,
    type TEXT NOT NULL,
    UNIQUE (name, domain)
  );
  CREATE INDEX IF NOT EXISTS entities_by_domain ON entities (domain, name, id);
  CREATE TABLE IF NOT EXISTS document_entities (
    document_id TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    mentions INTEGER NOT NULL,
    PRIMARY KEY (document_id, entity_id)
  );
  CREATE INDEX IF NOT EXISTS document_entities_by_entity ON document_entities (entity_id);
  CREATE TABLE IF NOT EXISTS document_concepts (
    document_id TEXT NOT NULL,
    concept_id TEXT NOT NULL,
    confidence REAL NOT NULL,
    PRIMARY KEY (document_id, concept_id)
  );
  CREATE INDEX IF NOT EXISTS document_concepts_by_concept ON document_concepts (concept_id);
`;
