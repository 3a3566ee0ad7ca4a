import type { Driver } from 'neo4j-driver-lite';
import { afterAll, beforeAll } from 'vitest';
import { Neo4jDocumentKnowledgeStore } from '#shared/adapters/neo4j/document-knowledge-store';
import { closeNeo4jDrivers, neo4jDriver } from '#shared/adapters/neo4j/driver';
import { Neo4jGraphStore } from '#shared/adapters/neo4j/graph-store';
import { Neo4jKnowledgeStore } from '#shared/adapters/neo4j/knowledge-store';
import { describeDocumentKnowledgeStoreContract } from '../../../contracts/document-knowledge-store.contract.ts';
import { neo4jTestSettings } from './neo4j-env.ts';

const settings = neo4jTestSettings();
let driver: Driver;

beforeAll(async () => {
  driver = await neo4jDriver(settings);
  await new Neo4jGraphStore({ driver }).migrate();
});

afterAll(async () => {
  await closeNeo4jDrivers();
});

describeDocumentKnowledgeStoreContract('neo4j', async () => {
  // The contract writes to one domain only; emptying it keeps counts to each test's own rows.
  await driver.executeQuery(
    `MATCH (n) WHERE (n:Document OR n:Entity OR n:Concept OR n:Claim) AND n.domain = 'art' DETACH DELETE n`,
  );
  const options = { driver: () => neo4jDriver(settings) };
  return {
    store: new Neo4jDocumentKnowledgeStore(options),
    graph: new Neo4jGraphStore(options),
    knowledge: new Neo4jKnowledgeStore(options),
  };
});
