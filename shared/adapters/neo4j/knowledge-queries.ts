/**
 * The knowledge store's Cypher. Every query is a constant: what clients send travels only as parameters,
 * and the relation type is a property of the one fixed relationship type `RELATES_TO`.
 *
 * Queries that read before they write first set `_lock` on the node: that takes its write lock, so the
 * version check, the link counts and the write see the same state (Neo4j's documented idiom against lost
 * updates under read-committed isolation). `_lock` is removed in the same transaction, so it is never
 * committed.
 */

export const CONCEPT_FIELDS = 'c {.id, .name, .description, .domain, .type, .level, .createdAt, .updatedAt, .version}';
export const CLAIM_FIELDS =
  'c {.id, .text, .domain, .confidence, .verified, .source, .createdAt, .updatedAt, .version}';

/**
 * Create, get and an optimistic-concurrency update of the versioned nodes labelled `label`, each answering
 * the node as `resource` in `projection`. The update's `$fields` holds only the patch's own fields; a null
 * in it removes that property. Built only from the constants of this module and the adapters' fixed
 * labels, never from input.
 */
export function versionedNodeQueries(label: string, projection: string) {
  return {
    create: `CREATE (c:${label} $resource)`,
    get: `
  MATCH (c:${label} {id: $id})
  RETURN ${projection} AS resource
`,
    update: `
  MATCH (c:${label} {id: $id})
  SET c._lock = true
  WITH c, c.version AS current
  WITH c, current, ($expectedVersion IS NULL OR current = $expectedVersion) AS matches
  FOREACH (_ IN CASE WHEN matches THEN [1] ELSE [] END |
    SET c += $fields, c.updatedAt = $updatedAt, c.version = current + 1)
  REMOVE c._lock
  RETURN matches, current, ${projection} AS resource
`,
  } as const;
}

/** Deletes the concept only when nothing links to it; returns what holds it either way. */
export const DELETE_CONCEPT = `
  MATCH (c:Concept {id: $id})
  SET c._lock = true
  WITH c,
       COUNT { (c)-[:RELATES_TO]-(:Concept) } AS relations,
       COUNT { (:Document)-[:CONTAINS|ABOUT]->(c) } AS documents,
       COUNT { (c)--() } AS links
  WITH c, relations, documents, links - relations - documents AS others
  FOREACH (_ IN CASE WHEN relations + documents + others = 0 THEN [1] ELSE [] END | DELETE c)
  FOREACH (_ IN CASE WHEN relations + documents + others = 0 THEN [] ELSE [1] END | REMOVE c._lock)
  RETURN relations, documents, others
`;

export const LIST_CONCEPTS = `
  MATCH (c:Concept)
  WHERE ($domain IS NULL OR c.domain = $domain)
    AND ($nameContains IS NULL OR toLower(c.name) CONTAINS toLower($nameContains))
    AND ($afterName IS NULL OR c.name > $afterName OR (c.name = $afterName AND c.id > $afterId))
  RETURN ${CONCEPT_FIELDS} AS resource
  ORDER BY c.name, c.id
  LIMIT $limit
`;

/** Locks both ends (those that exist) and reports what the relate must check. */
export const PREPARE_RELATION = `
  OPTIONAL MATCH (a:Concept {id: $from})
  OPTIONAL MATCH (b:Concept {id: $to})
  FOREACH (n IN [x IN [a, b] WHERE x IS NOT NULL] | SET n._lock = true)
  RETURN a IS NOT NULL AS fromExists,
         b IS NOT NULL AS toExists,
         CASE WHEN a IS NULL THEN 0 ELSE COUNT { (a)-[:RELATES_TO]-(:Concept) } END AS fromRelations,
         CASE WHEN b IS NULL THEN 0 ELSE COUNT { (b)-[:RELATES_TO]-(:Concept) } END AS toRelations,
         CASE WHEN a IS NULL OR b IS NULL THEN false
              ELSE EXISTS { (a)-[:RELATES_TO {relationship_type: $type}]->(b) } END AS exists
`;

export const RELATE_CONCEPTS = `
  MATCH (a:Concept {id: $from}), (b:Concept {id: $to})
  MERGE (a)-[r:RELATES_TO {relationship_type: $type}]->(b)
  SET r.strength = $strength
  REMOVE a._lock, b._lock
  RETURN r.strength AS strength
`;

/** Grouped by the concept, so an unknown concept gives no row rather than an empty list. */
export const LIST_RELATIONS = `
  MATCH (c:Concept {id: $id})
  OPTIONAL MATCH (c)-[r:RELATES_TO]-(:Concept)
  RETURN c.id AS id, collect(CASE WHEN r IS NULL THEN null ELSE {
    from: startNode(r).id, to: endNode(r).id, type: r.relationship_type, strength: r.strength
  } END) AS relations
`;

export const UNRELATE_CONCEPTS = `
  MATCH (:Concept {id: $from})-[r:RELATES_TO {relationship_type: $type}]->(:Concept {id: $to})
  DELETE r
  RETURN count(*) AS removed
`;

/** Deletes the claim and its evidence only when nothing else links to it; returns what holds it either way. */
export const DELETE_CLAIM = `
  MATCH (c:Claim {id: $id})
  SET c._lock = true
  WITH c,
       COUNT { (c)-[:VALIDATES|CONTRADICTS]-(:Claim) } AS claims,
       COUNT { (:Document)-[:CONTAINS]->(c) } AS documents,
       COUNT { (c)-[:SUPPORTED_BY]->(:Evidence) } AS evidence,
       COUNT { (c)--() } AS links
  WITH c, claims, documents, links - claims - documents - evidence AS others
  WITH c, claims, documents, others, claims + documents + others = 0 AS free
  OPTIONAL MATCH (c)-[:SUPPORTED_BY]->(e:Evidence)
  WITH c, claims, documents, others, free, collect(e) AS evidence
  FOREACH (e IN CASE WHEN free THEN evidence ELSE [] END | DETACH DELETE e)
  FOREACH (_ IN CASE WHEN free THEN [1] ELSE [] END | DELETE c)
  FOREACH (_ IN CASE WHEN free THEN [] ELSE [1] END | REMOVE c._lock)
  RETURN claims, documents, others
`;

export const LIST_CLAIMS = `
  MATCH (c:Claim)
  WHERE ($domain IS NULL OR c.domain = $domain)
    AND ($verified IS NULL OR c.verified = $verified)
    AND ($textContains IS NULL OR toLower(c.text) CONTAINS toLower($textContains))
    AND ($beforeAt IS NULL OR c.createdAt < $beforeAt OR (c.createdAt = $beforeAt AND c.id < $beforeId))
  RETURN ${CLAIM_FIELDS} AS resource
  ORDER BY c.createdAt DESC, c.id DESC
  LIMIT $limit
`;

/** Locks the claim and counts its evidence. */
export const PREPARE_EVIDENCE = `
  MATCH (c:Claim {id: $claimId})
  SET c._lock = true
  RETURN COUNT { (c)-[:SUPPORTED_BY]->(:Evidence) } AS evidence
`;

export const ADD_EVIDENCE = `
  MATCH (c:Claim {id: $claimId})
  CREATE (c)-[:SUPPORTED_BY]->(:Evidence $evidence)
  REMOVE c._lock
`;

/** Grouped by the claim, so an unknown claim gives no row rather than an empty list. */
export const LIST_EVIDENCE = `
  MATCH (c:Claim {id: $claimId})
  OPTIONAL MATCH (c)-[:SUPPORTED_BY]->(e:Evidence)
  WITH c, e ORDER BY e.createdAt, e.id
  RETURN c.id AS id, collect(e {.id, .text, .source, .confidence, .createdAt, claimId: c.id}) AS evidence
`;
