import { openEmbeddedDatabase } from '#shared/adapters/embedded/database';
import { EmbeddedApiKeyStore } from '#shared/adapters/embedded/api-key-store';
import { describeApiKeyStoreContract } from '../../../contracts/api-key-store.contract.ts';

describeApiKeyStoreContract('embedded', () => {
  const database = openEmbeddedDatabase({ dataDir: '', inMemory: true });
  return { store: new EmbeddedApiKeyStore({ database }), cleanup: () => database.close() };
});
