import { openEmbeddedDatabase } from '#shared/adapters/embedded/database';
import { EmbeddedAuditLog } from '#shared/adapters/embedded/audit-log';
import { describeAuditLogContract } from '../../../contracts/audit-log.contract.ts';

describeAuditLogContract('embedded', () => {
  const database = openEmbeddedDatabase({ dataDir: '', inMemory: true });
  return { log: new EmbeddedAuditLog({ database }), cleanup: () => database.close() };
});
