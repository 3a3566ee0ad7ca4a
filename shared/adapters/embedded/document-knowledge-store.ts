/* eslint-disable @typescript-eslint/require-await -- synchronous SQLite behind an async port: `async` turns its throws into rejections */
import type { DatabaseSync, SQLInputValue } from 'node:sqlite';
import {
  DOCUMENT_LIST_LIMITS,
  documentConceptSchema,
  documentEntitySchema,
  documentPage,
  documentSummarySchema,
  entityId,
  resolveDocumentQuery,
  type DocumentConcept,
  type DocumentDetails,
  type DocumentEntity,
  type DocumentKnowledge,
  type DocumentLinks,
  type DocumentListQuery,
  type DocumentPage,
  type DocumentSummary,
  type DomainOverview,
} from '#shared/domain/document-knowledge';
import type { Domain, KnowledgeDocument } from '#shared/domain/documents';
import type { KnownName } from '#shared/domain/text-analysis';
import { NotFoundError } from '#shared/errors';
import type { DocumentKnowledgeStore } from '#shared/ports/document-knowledge-store';
import { KNOWN_NAMES_LIMIT } from '#shared/ports/known-names';
import { transaction } from './database.ts';
import { graphOperation, parseStored } from './graph-operation.ts';
import { upsertDocumentRow } from './graph-store.ts';
import { ensureEmbeddedSchema } from './schema.ts';

const SUMMARY_COLUMNS = `d.id, d.title, d.domain, d.source, d.content_hash, a.language, a.language_confidence,
  a.summary, a.sentiment_label, a.sentiment_score, a.key_phrases`;

/** Documents' analyses, entities and links in the embedded SQLite, beside the documents and concepts tables. */
export class EmbeddedDocumentKnowledgeStore implements DocumentKnowledgeStore {
  readonly component = 'graph';
  readonly adapter = 'embedded';
  readonly #database: DatabaseSync;

  constructor(options: { database: DatabaseSync }) {
    this.#database = options.database;
    ensureEmbeddedSchema(this.#database);
  }

  async knownNames(domain?: Domain): Promise<readonly KnownName[]> {
    const rows = graphOperation('knownNames', () =>
      this.#database
        .prepare(
          `SELECT kind, id, name, domain, type FROM (
             SELECT 'concept' AS kind, id, name, domain, NULL AS type FROM concepts WHERE ?1 IS NULL OR domain = ?1
             UNION ALL
             SELECT 'entity' AS kind, id, name, domain, type FROM entities WHERE ?1 IS NULL OR domain = ?1
           ) ORDER BY name, id LIMIT ?2`,
        )
        .all(domain ?? null, KNOWN_NAMES_LIMIT),
    );
    return rows.map((row) => ({
      kind: row.kind === 'entity' ? 'entity' : 'concept',
      id: String(row.id),
      name: String(row.name),
      domain: row.domain as Domain,
      ...(typeof row.type === 'string' && { entityType: row.type as KnownName['entityType'] & string }),
    }));
  }

  async saveDocumentKnowledge(knowledge: DocumentKnowledge): Promise<void> {
    graphOperation('saveDocumentKnowledge', () =>
      transaction(this.#database, () => {
        this.#writeKnowledge(knowledge);
      }),
    );
  }

  async saveAnalyzedDocument(document: KnowledgeDocument, knowledge: DocumentKnowledge): Promise<void> {
    graphOperation('saveAnalyzedDocument', () =>
      transaction(this.#database, () => {
        upsertDocumentRow(this.#database, document);
        this.#writeKnowledge(knowledge);
      }),
    );
  }

  #writeKnowledge(knowledge: DocumentKnowledge): void {
    const id = knowledge.documentId;
    if (this.#database.prepare('SELECT 1 FROM documents WHERE id = ?').get(id) === undefined) {
      throw new NotFoundError(`No document '${id}'`);
    }
    this.#database
      .prepare('REPLACE INTO document_analysis VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(
        id,
        knowledge.language.code,
        knowledge.language.confidence,
        knowledge.summary,
        knowledge.sentiment.label,
        knowledge.sentiment.score,
        JSON.stringify(knowledge.keyPhrases),
      );
    this.#database.prepare('DELETE FROM document_entities WHERE document_id = ?').run(id);
    for (const entity of knowledge.entities) {
      const entityKey = entityId(entity.name, knowledge.domain);
      this.#database
        .prepare(
          `INSERT INTO entities (id, name, domain, type) VALUES (?, ?, ?, ?)
           ON CONFLICT (name, domain) DO UPDATE SET type = excluded.type`,
        )
        .run(entityKey, entity.name, knowledge.domain, entity.type);
      this.#database.prepare('INSERT INTO document_entities VALUES (?, ?, ?)').run(id, entityKey, entity.mentions);
    }
    this.#database.prepare('DELETE FROM document_concepts WHERE document_id = ?').run(id);
    for (const concept of knowledge.concepts) {
      this.#database
        .prepare(
          `INSERT INTO document_concepts (document_id, concept_id, confidence)
           SELECT ?, id, ? FROM concepts WHERE id = ?`,
        )
        .run(id, concept.confidence, concept.conceptId);
    }
  }

  async getDocument(id: string): Promise<DocumentDetails | undefined> {
    return graphOperation('getDocument', () => {
      const row = this.#database
        .prepare(
          `SELECT ${SUMMARY_COLUMNS}, d.text FROM documents d
           LEFT JOIN document_analysis a ON a.document_id = d.id WHERE d.id = ?`,
        )
        .get(id);
      if (row === undefined) return undefined;
      const entities = this.#database
        .prepare(
          `SELECT e.id, e.name, e.type, m.mentions FROM document_entities m JOIN entities e ON e.id = m.entity_id
           WHERE m.document_id = ? ORDER BY e.name, e.id`,
        )
        .all(id);
      const concepts = this.#database
        .prepare(
          `SELECT c.id, c.name, a.confidence FROM document_concepts a JOIN concepts c ON c.id = a.concept_id
           WHERE a.document_id = ? ORDER BY a.confidence DESC, c.id`,
        )
        .all(id);
      return {
        ...toSummary(row),
        text: String(row.text),
        keyPhrases: typeof row.key_phrases === 'string' ? (JSON.parse(row.key_phrases) as string[]) : [],
        entities: entities.map((entity) => parseStored(documentEntitySchema, entity, 'entity')),
        concepts: concepts.map((concept) => parseStored(documentConceptSchema, concept, 'concept link')),
      };
    });
  }

  async documentLinks(ids: readonly string[]): Promise<ReadonlyMap<string, DocumentLinks>> {
    if (ids.length === 0) return new Map();
    const unique = [...new Set(ids)];
    const marks = unique.map(() => '?').join(', ');
    // One statement for the documents and both kinds of link: a search pays one query, however many hits.
    const rows = graphOperation('documentLinks', () =>
      this.#database
        .prepare(
          `SELECT kind, document_id, id, name, type, mentions, confidence FROM (
             SELECT 'document' AS kind, id AS document_id, NULL AS id, NULL AS name, NULL AS type, NULL AS mentions,
               NULL AS confidence, 0 AS position
             FROM documents WHERE id IN (${marks})
             UNION ALL
             SELECT 'entity', m.document_id, e.id, e.name, e.type, m.mentions, NULL,
               ROW_NUMBER() OVER (PARTITION BY m.document_id ORDER BY m.mentions DESC, e.name, e.id)
             FROM document_entities m JOIN entities e ON e.id = m.entity_id WHERE m.document_id IN (${marks})
             UNION ALL
             SELECT 'concept', a.document_id, c.id, c.name, NULL, NULL, a.confidence,
               ROW_NUMBER() OVER (PARTITION BY a.document_id ORDER BY a.confidence DESC, c.id)
             FROM document_concepts a JOIN concepts c ON c.id = a.concept_id WHERE a.document_id IN (${marks})
           ) WHERE position <= ? ORDER BY document_id, kind, position`,
        )
        .all(...unique, ...unique, ...unique, DOCUMENT_LIST_LIMITS.maxLinksPerHit),
    );
    const links = new Map<string, { entities: DocumentEntity[]; concepts: DocumentConcept[] }>();
    for (const row of rows) {
      if (row.kind === 'document') links.set(String(row.document_id), { entities: [], concepts: [] });
    }
    for (const { kind, document_id: documentId, id, name, type, mentions, confidence } of rows) {
      const found = links.get(String(documentId));
      if (kind === 'entity')
        found?.entities.push(parseStored(documentEntitySchema, { id, name, type, mentions }, 'entity'));
      if (kind === 'concept')
        found?.concepts.push(parseStored(documentConceptSchema, { id, name, confidence }, 'concept link'));
    }
    return links;
  }

  async listDocuments(query: DocumentListQuery): Promise<DocumentPage> {
    const resolved = resolveDocumentQuery(query);
    const conditions: string[] = [];
    const values: SQLInputValue[] = [];
    if (resolved.domain !== undefined) {
      conditions.push('d.domain = ?');
      values.push(resolved.domain);
    }
    if (resolved.language !== undefined) {
      conditions.push('a.language = ?');
      values.push(resolved.language);
    }
    if (resolved.afterId !== undefined) {
      conditions.push('d.id > ?');
      values.push(resolved.afterId);
    }
    const where = conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`;
    const rows = graphOperation('listDocuments', () =>
      this.#database
        .prepare(
          `SELECT ${SUMMARY_COLUMNS} FROM documents d LEFT JOIN document_analysis a ON a.document_id = d.id
           ${where} ORDER BY d.id LIMIT ?`,
        )
        .all(...values, resolved.limit + 1),
    );
    return documentPage(rows.map(toSummary), query);
  }

  async domainOverview(domain: Domain): Promise<DomainOverview> {
    return graphOperation('domainOverview', () => {
      const count = (sql: string) => Number(this.#database.prepare(sql).get(domain)?.count ?? 0);
      const topConcepts = this.#database
        .prepare(
          `SELECT id, name, connections FROM (
             SELECT c.id, c.name,
               (SELECT count(*) FROM concept_relations r WHERE r.from_id = c.id OR r.to_id = c.id)
               + (SELECT count(*) FROM document_concepts a WHERE a.concept_id = c.id) AS connections
             FROM concepts c WHERE c.domain = ?
           ) WHERE connections > 0 ORDER BY connections DESC, name, id LIMIT ?`,
        )
        .all(domain, DOCUMENT_LIST_LIMITS.maxTopConcepts);
      return {
        domain,
        documents: count('SELECT count(*) AS count FROM documents WHERE domain = ?'),
        entities: count('SELECT count(*) AS count FROM entities WHERE domain = ?'),
        concepts: count('SELECT count(*) AS count FROM concepts WHERE domain = ?'),
        claims: count('SELECT count(*) AS count FROM claims WHERE domain = ?'),
        topConcepts: topConcepts.map((row) => ({
          id: String(row.id),
          name: String(row.name),
          connections: Number(row.connections),
        })),
      };
    });
  }

  async check(): Promise<void> {
    graphOperation('check', () => this.#database.prepare('SELECT 1 FROM entities LIMIT 1').get());
  }
}

function toSummary(row: Record<string, unknown>): DocumentSummary {
  return parseStored(
    documentSummarySchema,
    {
      id: row.id,
      title: row.title,
      domain: row.domain,
      ...(row.source !== null && { source: row.source }),
      contentHash: row.content_hash,
      ...(row.language !== null && {
        language: { code: row.language, confidence: row.language_confidence },
        summary: row.summary,
        sentiment: { label: row.sentiment_label, score: row.sentiment_score },
      }),
    },
    'document',
  );
}
