import { openEmbeddedDatabase } from '#shared/adapters/embedded/database';
import { EmbeddedDocumentKnowledgeStore } from '#shared/adapters/embedded/document-knowledge-store';
import { EmbeddedGraphStore } from '#shared/adapters/embedded/graph-store';
import { EmbeddedKnowledgeStore } from '#shared/adapters/embedded/knowledge-store';
import { describeDocumentKnowledgeStoreContract } from '../../../contracts/document-knowledge-store.contract.ts';

describeDocumentKnowledgeStoreContract('embedded', () => {
  const database = openEmbeddedDatabase({ dataDir: '', inMemory: true });
  return Promise.resolve({
    store: new EmbeddedDocumentKnowledgeStore({ database }),
    graph: new EmbeddedGraphStore({ database }),
    knowledge: new EmbeddedKnowledgeStore({ database }),
    cleanup: () => Promise.resolve(database.close()),
  });
});
