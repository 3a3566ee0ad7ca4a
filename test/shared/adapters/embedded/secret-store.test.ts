import { openEmbeddedDatabase } from '#shared/adapters/embedded/database';
import { EmbeddedSecretStore } from '#shared/adapters/embedded/secret-store';
import { describeSecretStoreContract } from '../../../contracts/secret-store.contract.ts';

describeSecretStoreContract('embedded', () => {
  const database = openEmbeddedDatabase({ dataDir: '', inMemory: true });
  return { store: new EmbeddedSecretStore({ database }), cleanup: () => database.close() };
});
