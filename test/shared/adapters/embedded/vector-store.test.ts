import { openEmbeddedDatabase } from '#shared/adapters/embedded/database';
import { EmbeddedVectorStore } from '#shared/adapters/embedded/vector-store';
import { describeVectorStoreContract } from '../../../contracts/vector-store.contract.ts';

describeVectorStoreContract('embedded', () => {
  const database = openEmbeddedDatabase({ dataDir: '', inMemory: true });
  return Promise.resolve({ store: new EmbeddedVectorStore({ database }), cleanup: () => database.close() });
});
