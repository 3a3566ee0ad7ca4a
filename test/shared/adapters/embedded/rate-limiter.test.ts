import { openEmbeddedDatabase } from '#shared/adapters/embedded/database';
import { EmbeddedRateLimiter } from '#shared/adapters/embedded/rate-limiter';
import { describeRateLimiterContract } from '../../../contracts/rate-limiter.contract.ts';

describeRateLimiterContract('embedded', () => {
  const database = openEmbeddedDatabase({ dataDir: '', inMemory: true });
  return { limiter: new EmbeddedRateLimiter({ database }), cleanup: () => database.close() };
});
