import { SAVE_DOCUMENT } from './graph-store.ts';

/**
 * The document knowledge's Cypher: constants only, input travels as parameters. Entities are MERGEd on
 * their node key (name, domain); a document's MENTIONS and ABOUT links are replaced as a whole, so saving
 * the same knowledge again leaves the graph as it was.
 */

/** The analysis part of a save, on the document bound to `d`. */
const ANALYSIS_OF_D = `
  SET d.language = $language, d.languageConfidence = $languageConfidence, d.summary = $summary,
      d.sentimentLabel = $sentimentLabel, d.sentimentScore = $sentimentScore, d.keyPhrases = $keyPhrases
  WITH d
  CALL (d) {
    MATCH (d)-[mention:MENTIONS]->(e:Entity)
    WHERE NOT e.id IN [entity IN $entities | entity.id]
    DELETE mention
  }
  CALL (d) {
    MATCH (d)-[about:ABOUT]->(c:Concept)
    WHERE NOT c.id IN [link IN $concepts | link.conceptId]
    DELETE about
  }
  CALL (d) {
    UNWIND $entities AS entity
    MERGE (e:Entity {name: entity.name, domain: $domain})
    ON CREATE SET e.id = entity.id
    SET e.type = entity.type
    MERGE (d)-[m:MENTIONS]->(e)
    SET m.mentions = entity.mentions
  }
  CALL (d) {
    UNWIND $concepts AS link
    MATCH (c:Concept {id: link.conceptId})
    MERGE (d)-[a:ABOUT]->(c)
    SET a.confidence = link.confidence
  }
  RETURN d.id AS id
`;

/**
 * Sets the analysis, drops the links the new knowledge does not hold, MERGEs the entities it mentions and
 * links the concepts it is about, in one statement (one round trip per document, not three); no row when
 * the document is unknown, and then nothing is written. The unit subqueries keep the document's row when a
 * list is empty. A concept deleted since the analysis is skipped: MATCH finds nothing to link.
 */
export const SAVE_ANALYSIS = `
  MATCH (d:Document {id: $documentId})
  ${ANALYSIS_OF_D}
`;

/**
 * The document (as the graph store saves it) and its analysis in one statement: one transaction and one
 * round trip per processed document. `$documentId` is the document's `$id`.
 */
export const SAVE_ANALYZED_DOCUMENT = `
  ${SAVE_DOCUMENT}
  WITH DISTINCT d
  ${ANALYSIS_OF_D}
`;

export const KNOWN_NAMES = `
  CALL () {
    MATCH (c:Concept) WHERE $domain IS NULL OR c.domain = $domain
    RETURN 'concept' AS kind, c.id AS id, c.name AS name, c.domain AS domain, null AS type
    UNION ALL
    MATCH (e:Entity) WHERE $domain IS NULL OR e.domain = $domain
    RETURN 'entity' AS kind, e.id AS id, e.name AS name, e.domain AS domain, e.type AS type
  }
  RETURN kind, id, name, domain, type
  ORDER BY name, id
  LIMIT $limit
`;

const SUMMARY_FIELDS = `d {.id, .title, .domain, .source, .contentHash, .language, .languageConfidence, .summary,
  .sentimentLabel, .sentimentScore}`;

export const GET_DOCUMENT = `
  MATCH (d:Document {id: $id})
  RETURN ${SUMMARY_FIELDS} AS document, d.text AS text, d.keyPhrases AS keyPhrases,
    COLLECT {
      MATCH (d)-[m:MENTIONS]->(e:Entity)
      WITH e, m ORDER BY e.name, e.id
      RETURN {id: e.id, name: e.name, type: e.type, mentions: m.mentions}
    } AS entities,
    COLLECT {
      MATCH (d)-[a:ABOUT]->(c:Concept)
      WITH c, a ORDER BY a.confidence DESC, c.id
      RETURN {id: c.id, name: c.name, confidence: a.confidence}
    } AS concepts
`;

/** The links of many documents in one round trip; the top of each list only. */
export const DOCUMENT_LINKS = `
  UNWIND $ids AS id
  MATCH (d:Document {id: id})
  RETURN d.id AS id,
    COLLECT {
      MATCH (d)-[m:MENTIONS]->(e:Entity)
      WITH e, m ORDER BY m.mentions DESC, e.name, e.id LIMIT $limit
      RETURN {id: e.id, name: e.name, type: e.type, mentions: m.mentions}
    } AS entities,
    COLLECT {
      MATCH (d)-[a:ABOUT]->(c:Concept)
      WITH c, a ORDER BY a.confidence DESC, c.id LIMIT $limit
      RETURN {id: c.id, name: c.name, confidence: a.confidence}
    } AS concepts
`;

export const LIST_DOCUMENTS = `
  MATCH (d:Document)
  WHERE ($domain IS NULL OR d.domain = $domain)
    AND ($language IS NULL OR d.language = $language)
    AND ($afterId IS NULL OR d.id > $afterId)
  RETURN ${SUMMARY_FIELDS} AS document
  ORDER BY d.id
  LIMIT $limit
`;

export const DOMAIN_COUNTS = `
  RETURN COUNT { MATCH (d:Document) WHERE d.domain = $domain } AS documents,
         COUNT { MATCH (e:Entity) WHERE e.domain = $domain } AS entities,
         COUNT { MATCH (c:Concept) WHERE c.domain = $domain } AS concepts,
         COUNT { MATCH (c:Claim) WHERE c.domain = $domain } AS claims
`;

export const TOP_CONCEPTS = `
  MATCH (c:Concept) WHERE c.domain = $domain
  WITH c, COUNT { (c)-[:RELATES_TO]-(:Concept) } + COUNT { (:Document)-[:ABOUT]->(c) } AS connections
  WHERE connections > 0
  RETURN c.id AS id, c.name AS name, connections
  ORDER BY connections DESC, name, id
  LIMIT $limit
`;
