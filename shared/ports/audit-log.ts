import type { AuditEntry } from '#shared/domain/audit';
import type { AuditPage, AuditQuery } from '#shared/domain/audit-query';
import type { HealthCheck } from './health.ts';

/**
 * The audit trail. Each entry is written before the response that it records is sent, so a frozen or
 * killed Lambda loses none. Component `audit` in `/health`.
 */
export interface AuditLog extends HealthCheck {
  /**
   * Stores `entry` (built by `newAuditEntry`) exactly once: recording an entry with the same id and time
   * again, as a retried write does, changes nothing.
   */
  record(entry: AuditEntry): Promise<void>;
  /**
   * Stores `entry` (built by `repeatedAuditEntry`) or, when an entry with its id and time is stored
   * already, adds one to that entry's `count` and changes nothing else. Atomic across containers.
   */
  recordRepeated(entry: AuditEntry): Promise<void>;
  /**
   * Entries matching `query`, newest first, without expired ones. Throws `ValidationError` for a bad
   * limit, reversed bounds or a cursor that was not issued for the same filters.
   */
  query(query: AuditQuery): Promise<AuditPage>;
}
