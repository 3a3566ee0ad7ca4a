import type {
  ItemOutcome,
  ItemResult,
  TaskListQuery,
  TaskRecord,
  TaskRecordPage,
  TaskRetry,
} from '#shared/domain/tasks';
import type { HealthCheck } from './health.ts';

/**
 * Task progress records. Every write is idempotent so that a redelivered queue message can replay it, and
 * every write returns the record as it is afterwards (undefined when it is unknown or expired).
 */
export interface ProgressStore extends HealthCheck {
  /** Stores a new record; does nothing if a record with that id exists already. */
  create(record: TaskRecord): Promise<void>;
  get(taskId: string): Promise<TaskRecord | undefined>;
  /** Moves a PENDING (or RETRY) record to STARTED; other states are left as they are. */
  start(taskId: string, at: Date): Promise<TaskRecord | undefined>;
  /**
   * Records the outcome of item `index`, recomputes status and message, stamps completion. A success is
   * never overwritten and a REVOKED record takes nothing (`acceptsItem`), so replays change nothing.
   */
  recordItem(taskId: string, index: number, outcome: ItemOutcome, at: Date): Promise<TaskRecord | undefined>;
  /**
   * Records several items' outcomes in one write (as `recordItem` each, in one change): how a worker that did
   * a message's items concurrently records them with one round trip instead of one per item.
   */
  recordItems(taskId: string, results: readonly ItemResult[], at: Date): Promise<TaskRecord | undefined>;
  /** Moves an unfinished record to RETRY with the attempt, its error and when the next one is due. */
  retry(taskId: string, retry: TaskRetry, at: Date): Promise<TaskRecord | undefined>;
  /** Moves an unfinished record to REVOKED; a finished one is returned unchanged. */
  revoke(taskId: string, at: Date): Promise<TaskRecord | undefined>;
  /** Live records, newest first, filtered and paged. */
  list(query: TaskListQuery): Promise<TaskRecordPage>;
}
