import type { Domain } from './documents.ts';

/** HNSW and quantization settings of one domain's collection (Qdrant; the embedded store searches exactly). */
export interface CollectionSettings {
  readonly hnswM: number;
  readonly hnswEfConstruct: number;
  readonly quantization: 'none' | 'int8';
}

/** One collection per domain, as the seed names them (`content_<domain>` there). */
export function collectionName(domain: Domain): string {
  return `documents_${domain}`;
}

/**
 * The HNSW graph of each domain: dense technical vocabularies (science, mathematics, technology) get more
 * links and a wider build search, where near neighbours are hardest to tell apart; `general` gets Qdrant's
 * defaults; the rest sit between.
 */
export function collectionSettings(domain: Domain, quantization: 'none' | 'int8'): CollectionSettings {
  if (domain === 'science' || domain === 'mathematics' || domain === 'technology') {
    return { hnswM: 24, hnswEfConstruct: 300, quantization };
  }
  if (domain === 'general') return { hnswM: 16, hnswEfConstruct: 100, quantization };
  return { hnswM: 16, hnswEfConstruct: 200, quantization };
}

/** The payload fields a search or a delete filters on: each gets a keyword index in Qdrant. */
export const INDEXED_PAYLOAD_FIELDS = ['documentId', 'domain', 'language', 'model'] as const;

/** The sparse vector of keyword weights in every collection (hybrid search; see keyword-terms.ts). */
export const KEYWORD_VECTOR = 'keywords';
