import { config } from '#shared/config';
import { DynamoAuditLog } from '#shared/adapters/dynamodb/audit-log';
import { EmbeddedAuditLog } from '#shared/adapters/embedded/audit-log';
import type { AuditLog } from '#shared/ports/audit-log';
import { embeddedDatabase } from './embedded-database.ts';
import { once } from './lifecycle.ts';
import { dynamoDocumentClient } from './aws-clients.ts';

/** DynamoDB when `AUDIT_TABLE` is set, else the embedded log. */
export const auditLog = once((): AuditLog => {
  const { tables, auditRetentionDays: retentionDays } = config();
  return tables.audit
    ? new DynamoAuditLog({ tableName: tables.audit, retentionDays, client: dynamoDocumentClient() })
    : new EmbeddedAuditLog({ database: embeddedDatabase(), retentionDays });
});
