import { openEmbeddedDatabase } from '#shared/adapters/embedded/database';
import { EmbeddedProgressStore } from '#shared/adapters/embedded/progress-store';
import { describeProgressStoreContract } from '../../../contracts/progress-store.contract.ts';

describeProgressStoreContract('embedded', () => {
  const database = openEmbeddedDatabase({ dataDir: '', inMemory: true });
  return { store: new EmbeddedProgressStore({ database }), cleanup: () => database.close() };
});
