import { DependencyError } from '#shared/errors';
import type { Neo4jTransactions } from './transactions.ts';

/**
 * The graph's constraints and indexes, each idempotent. Community edition: uniqueness constraints only
 * (node key and existence constraints are Enterprise-only). Append new statements; never edit a shipped one.
 */
export const MIGRATIONS: readonly string[] = [
  'CREATE CONSTRAINT document_id IF NOT EXISTS FOR (d:Document) REQUIRE d.id IS UNIQUE',
  'CREATE CONSTRAINT concept_id IF NOT EXISTS FOR (c:Concept) REQUIRE c.id IS UNIQUE',
  'CREATE CONSTRAINT claim_id IF NOT EXISTS FOR (c:Claim) REQUIRE c.id IS UNIQUE',
  'CREATE CONSTRAINT source_id IF NOT EXISTS FOR (s:Source) REQUIRE s.id IS UNIQUE',
  'CREATE CONSTRAINT domain_name IF NOT EXISTS FOR (d:Domain) REQUIRE d.name IS UNIQUE',
  'CREATE INDEX document_domain IF NOT EXISTS FOR (d:Document) ON (d.domain)',
  'CREATE FULLTEXT INDEX document_text IF NOT EXISTS FOR (d:Document) ON EACH [d.title, d.text]',
  // Knowledge: concepts, claims and their evidence.
  'CREATE CONSTRAINT evidence_id IF NOT EXISTS FOR (e:Evidence) REQUIRE e.id IS UNIQUE',
  'CREATE INDEX concept_name IF NOT EXISTS FOR (c:Concept) ON (c.name, c.id)',
  'CREATE INDEX concept_domain IF NOT EXISTS FOR (c:Concept) ON (c.domain)',
  'CREATE INDEX claim_created IF NOT EXISTS FOR (c:Claim) ON (c.createdAt, c.id)',
  'CREATE INDEX claim_domain IF NOT EXISTS FOR (c:Claim) ON (c.domain)',
  'CREATE INDEX claim_verified IF NOT EXISTS FOR (c:Claim) ON (c.verified)',
  'CREATE FULLTEXT INDEX concept_text IF NOT EXISTS FOR (c:Concept) ON EACH [c.name, c.description]',
  'CREATE FULLTEXT INDEX claim_text IF NOT EXISTS FOR (c:Claim) ON EACH [c.text]',
  // Document knowledge: entities by their node key, documents by language.
  'CREATE CONSTRAINT entity_key IF NOT EXISTS FOR (e:Entity) REQUIRE (e.name, e.domain) IS UNIQUE',
  'CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (e:Entity) REQUIRE e.id IS UNIQUE',
  'CREATE INDEX entity_domain IF NOT EXISTS FOR (e:Entity) ON (e.domain)',
  'CREATE INDEX document_language IF NOT EXISTS FOR (d:Document) ON (d.language)',
];

/** Another process creating the same rule between our check and our create; the rule exists, which is the goal. */
const ALREADY_EXISTS = new Set([
  'Neo.ClientError.Schema.EquivalentSchemaRuleAlreadyExists',
  'Neo.ClientError.Schema.ConstraintAlreadyExists',
  'Neo.ClientError.Schema.IndexAlreadyExists',
]);

export function isAlreadyExists(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && ALREADY_EXISTS.has(String(error.code));
}

/**
 * Runs every migration, in order; safe to run any number of times, from several containers at once.
 * The local runtime runs it on start (through `GraphStore.migrate`).
 */
export async function runMigrations(transactions: Neo4jTransactions): Promise<void> {
  for (const statement of MIGRATIONS) {
    try {
      await transactions.write('migrate', (tx) => tx.run(statement));
    } catch (error) {
      if (!(error instanceof DependencyError && isAlreadyExists(error.cause))) throw error;
    }
  }
}
