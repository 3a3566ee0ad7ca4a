import { Neo4jDocumentKnowledgeStore } from '#shared/adapters/neo4j/document-knowledge-store';
import { neo4jDriver } from '#shared/adapters/neo4j/driver';
import { Neo4jGraphStore } from '#shared/adapters/neo4j/graph-store';
import { Neo4jKnowledgeStore } from '#shared/adapters/neo4j/knowledge-store';
import { describeDocumentKnowledgeStoreContract } from '../../../contracts/document-knowledge-store.contract.ts';
import { neo4jTestSettings, useMigratedNeo4j } from './neo4j-env.ts';

const settings = neo4jTestSettings();
const driver = useMigratedNeo4j(settings);

describeDocumentKnowledgeStoreContract('neo4j', async () => {
  // The contract writes to one domain only; emptying it keeps counts to each test's own rows.
  await driver().executeQuery(
    `MATCH (n) WHERE (n:Document OR n:Entity OR n:Concept OR n:Claim) AND n.domain = 'art' DETACH DELETE n`,
  );
  const options = { driver: () => neo4jDriver(settings) };
  return {
    store: new Neo4jDocumentKnowledgeStore(options),
    graph: new Neo4jGraphStore(options),
    knowledge: new Neo4jKnowledgeStore(options),
  };
});
