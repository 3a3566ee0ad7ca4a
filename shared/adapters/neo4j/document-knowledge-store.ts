import neo4j from 'neo4j-driver-lite';
import {
  DOCUMENT_LIST_LIMITS,
  documentConceptSchema,
  documentEntitySchema,
  documentPage,
  documentSummarySchema,
  entityId,
  resolveDocumentQuery,
  type DocumentDetails,
  type DocumentKnowledge,
  type DocumentLinks,
  type DocumentListQuery,
  type DocumentPage,
  type DocumentSummary,
  type DomainOverview,
} from '#shared/domain/document-knowledge';
import { storedDocumentFields, type Domain, type KnowledgeDocument } from '#shared/domain/documents';
import type { KnownName } from '#shared/domain/text-analysis';
import { NotFoundError } from '#shared/errors';
import type { DocumentKnowledgeStore } from '#shared/ports/document-knowledge-store';
import { KNOWN_NAMES_LIMIT } from '#shared/ports/known-names';
import * as cypher from './document-knowledge-queries.ts';
import { Neo4jTransactions, type Neo4jTransactionOptions } from './transactions.ts';
import { parse, plain } from './records.ts';

/**
 * Documents' analyses on Neo4j: `(:Document)-[:MENTIONS {mentions}]->(:Entity {name, domain})` and
 * `(:Document)-[:ABOUT {confidence}]->(:Concept)`. The migrations make (name, domain) unique, so
 * concurrent saves of documents naming one entity MERGE onto one node. The driver belongs to `driver.ts`.
 */
export class Neo4jDocumentKnowledgeStore implements DocumentKnowledgeStore {
  readonly component = 'graph';
  readonly adapter = 'neo4j';
  readonly #transactions: Neo4jTransactions;

  constructor(options: Neo4jTransactionOptions) {
    this.#transactions = new Neo4jTransactions(options);
  }

  async knownNames(domain?: Domain): Promise<readonly KnownName[]> {
    const result = await this.#transactions.read('knownNames', (tx) =>
      tx.run(cypher.KNOWN_NAMES, { domain: domain ?? null, limit: neo4j.int(KNOWN_NAMES_LIMIT) }),
    );
    return result.records.map((record) => {
      const type: unknown = record.get('type');
      return {
        kind: record.get('kind') === 'entity' ? 'entity' : 'concept',
        id: String(record.get('id')),
        name: String(record.get('name')),
        domain: record.get('domain') as Domain,
        ...(typeof type === 'string' && { entityType: type as NonNullable<KnownName['entityType']> }),
      };
    });
  }

  async saveDocumentKnowledge(knowledge: DocumentKnowledge): Promise<void> {
    const saved = await this.#transactions.write('saveDocumentKnowledge', (tx) =>
      tx.run(cypher.SAVE_ANALYSIS, analysisParameters(knowledge)),
    );
    if (saved.records.length === 0) throw new NotFoundError(`No document '${knowledge.documentId}'`);
  }

  async saveAnalyzedDocument(document: KnowledgeDocument, knowledge: DocumentKnowledge): Promise<void> {
    await this.#transactions.write('saveAnalyzedDocument', (tx) =>
      tx.run(cypher.SAVE_ANALYZED_DOCUMENT, { ...analysisParameters(knowledge), ...storedDocumentFields(document) }),
    );
  }

  async getDocument(id: string): Promise<DocumentDetails | undefined> {
    const result = await this.#transactions.read('getDocument', (tx) => tx.run(cypher.GET_DOCUMENT, { id }));
    const record = result.records[0];
    if (record === undefined) return undefined;
    const keyPhrases: unknown = record.get('keyPhrases');
    return {
      ...toSummary(record.get('document')),
      text: String(record.get('text')),
      keyPhrases: Array.isArray(keyPhrases) ? keyPhrases.map(String) : [],
      entities: (record.get('entities') as unknown[]).map((entity) => parse(documentEntitySchema, entity, 'entity')),
      concepts: (record.get('concepts') as unknown[]).map((link) => parse(documentConceptSchema, link, 'concept link')),
    };
  }

  async documentLinks(ids: readonly string[]): Promise<ReadonlyMap<string, DocumentLinks>> {
    if (ids.length === 0) return new Map();
    const result = await this.#transactions.read('documentLinks', (tx) =>
      tx.run(cypher.DOCUMENT_LINKS, { ids: [...new Set(ids)], limit: neo4j.int(DOCUMENT_LIST_LIMITS.maxLinksPerHit) }),
    );
    return new Map(
      result.records.map((record) => [
        String(record.get('id')),
        {
          entities: (record.get('entities') as unknown[]).map((entity) =>
            parse(documentEntitySchema, entity, 'entity'),
          ),
          concepts: (record.get('concepts') as unknown[]).map((link) =>
            parse(documentConceptSchema, link, 'concept link'),
          ),
        },
      ]),
    );
  }

  async listDocuments(query: DocumentListQuery): Promise<DocumentPage> {
    const resolved = resolveDocumentQuery(query);
    const result = await this.#transactions.read('listDocuments', (tx) =>
      tx.run(cypher.LIST_DOCUMENTS, {
        domain: resolved.domain ?? null,
        language: resolved.language ?? null,
        afterId: resolved.afterId ?? null,
        limit: neo4j.int(resolved.limit + 1),
      }),
    );
    return documentPage(
      result.records.map((record) => toSummary(record.get('document'))),
      query,
    );
  }

  async domainOverview(domain: Domain): Promise<DomainOverview> {
    return this.#transactions.read('domainOverview', async (tx) => {
      const counts = (await tx.run(cypher.DOMAIN_COUNTS, { domain })).records[0];
      const top = await tx.run(cypher.TOP_CONCEPTS, { domain, limit: neo4j.int(DOCUMENT_LIST_LIMITS.maxTopConcepts) });
      const count = (field: string) => Number(plain(counts?.get(field)) ?? 0);
      return {
        domain,
        documents: count('documents'),
        entities: count('entities'),
        concepts: count('concepts'),
        claims: count('claims'),
        topConcepts: top.records.map((record) => ({
          id: String(record.get('id')),
          name: String(record.get('name')),
          connections: Number(plain(record.get('connections'))),
        })),
      };
    });
  }

  async check(): Promise<void> {
    await this.#transactions.read('check', (tx) => tx.run('RETURN 1'));
  }
}

function toSummary(value: unknown): DocumentSummary {
  const row = plain(value) as Record<string, unknown>;
  const { languageConfidence, sentimentLabel, sentimentScore, language, summary, ...rest } = row;
  return parse(
    documentSummarySchema,
    {
      ...rest,
      ...(language !== undefined && {
        language: { code: language, confidence: languageConfidence },
        summary,
        sentiment: { label: sentimentLabel, score: sentimentScore },
      }),
    },
    'document',
  );
}

/** The parameters of a document's analysis, as the save statements name them. */
function analysisParameters(knowledge: DocumentKnowledge): Record<string, unknown> {
  return {
    documentId: knowledge.documentId,
    domain: knowledge.domain,
    language: knowledge.language.code,
    languageConfidence: knowledge.language.confidence,
    summary: knowledge.summary,
    sentimentLabel: knowledge.sentiment.label,
    sentimentScore: knowledge.sentiment.score,
    keyPhrases: [...knowledge.keyPhrases],
    entities: knowledge.entities.map((entity) => ({
      id: entityId(entity.name, knowledge.domain),
      name: entity.name,
      type: entity.type,
      mentions: neo4j.int(entity.mentions),
    })),
    concepts: knowledge.concepts.map((link) => ({ ...link })),
  };
}
