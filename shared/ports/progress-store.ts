import type { ItemOutcome, TaskRecord } from '#shared/domain/tasks';
import type { HealthCheck } from './health.ts';

/**
 * Task progress records. Every write is idempotent so that a redelivered queue message can replay it.
 */
export interface ProgressStore extends HealthCheck {
  /** Stores a new record; does nothing if a record with that id exists already. */
  create(record: TaskRecord): Promise<void>;
  get(taskId: string): Promise<TaskRecord | undefined>;
  /** Moves a PENDING (or RETRY) record to STARTED; other states are left as they are. Returns the record. */
  start(taskId: string, at: Date): Promise<TaskRecord | undefined>;
  /**
   * Records the outcome of item `index` (once per index, whatever the replays), recomputes status and
   * message, stamps completion, and returns the record. Terminal records are not changed.
   */
  recordItem(taskId: string, index: number, outcome: ItemOutcome, at: Date): Promise<TaskRecord | undefined>;
}
