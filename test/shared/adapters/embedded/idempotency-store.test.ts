import { openEmbeddedDatabase } from '#shared/adapters/embedded/database';
import { EmbeddedIdempotencyStore } from '#shared/adapters/embedded/idempotency-store';
import { describeIdempotencyStoreContract } from '../../../contracts/idempotency-store.contract.ts';

describeIdempotencyStoreContract('embedded', () => {
  const database = openEmbeddedDatabase({ dataDir: '', inMemory: true });
  return { store: new EmbeddedIdempotencyStore({ database }), cleanup: () => database.close() };
});
