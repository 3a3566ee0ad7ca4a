import { openEmbeddedDatabase } from '#shared/adapters/embedded/database';
import { EmbeddedCache } from '#shared/adapters/embedded/cache';
import { describeCacheContract } from '../../../contracts/cache.contract.ts';

describeCacheContract('embedded', () => {
  const database = openEmbeddedDatabase({ dataDir: '', inMemory: true });
  return { cache: new EmbeddedCache({ database }), cleanup: () => database.close() };
});
