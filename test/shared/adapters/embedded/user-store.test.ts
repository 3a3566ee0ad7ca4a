import { openEmbeddedDatabase } from '#shared/adapters/embedded/database';
import { EmbeddedUserStore } from '#shared/adapters/embedded/user-store';
import { describeUserStoreContract } from '../../../contracts/user-store.contract.ts';

describeUserStoreContract('embedded', () => {
  const database = openEmbeddedDatabase({ dataDir: '', inMemory: true });
  return { store: new EmbeddedUserStore({ database }), cleanup: () => database.close() };
});
