import { randomUUID } from 'node:crypto';

/** The kinds of queued work; each has its own queue and task function. */
export const TASK_TYPES = ['process-documents'] as const;
export type TaskType = (typeof TASK_TYPES)[number];

/** Celery's task states, kept so clients of the original system read them unchanged. */
export const TASK_STATUSES = ['PENDING', 'STARTED', 'PROGRESS', 'SUCCESS', 'FAILURE', 'RETRY', 'REVOKED'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

const TERMINAL: ReadonlySet<TaskStatus> = new Set(['SUCCESS', 'FAILURE', 'REVOKED']);
export const isTerminal = (status: TaskStatus): boolean => TERMINAL.has(status);

/** What happened to one item (e.g. one document) of a task. */
export type ItemOutcome =
  { readonly ok: true; readonly id: string } | { readonly ok: false; readonly error: string; readonly id?: string };

/** The stored progress record. `items` is keyed by item index, which makes recording an outcome idempotent. */
export interface TaskRecord {
  readonly taskId: string;
  readonly type: TaskType;
  readonly status: TaskStatus;
  readonly total: number;
  readonly items: Readonly<Record<string, ItemOutcome>>;
  readonly message: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly startedAt?: string;
  readonly completedAt?: string;
  readonly failedAt?: string;
  /** Epoch seconds after which the record may be deleted (DynamoDB TTL). */
  readonly expiresAt: number;
}

/** The progress view served by `GET /tasks/{taskId}`. */
export interface TaskProgress {
  readonly taskId: string;
  readonly type: TaskType;
  readonly status: TaskStatus;
  readonly current: number;
  readonly total: number;
  readonly percentage: number;
  readonly message: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly startedAt?: string;
  readonly completedAt?: string;
  readonly failedAt?: string;
  readonly result?: { readonly succeeded: number; readonly failed: number; readonly documentIds: readonly string[] };
  readonly errors: readonly { readonly index: number; readonly error: string }[];
}

export function newTaskId(): string {
  return randomUUID();
}

export function newTaskRecord(
  type: TaskType,
  taskId: string,
  total: number,
  now: Date,
  ttlSeconds: number,
): TaskRecord {
  const at = now.toISOString();
  return {
    taskId,
    type,
    status: 'PENDING',
    total,
    items: {},
    message: `Queued ${total} item${total === 1 ? '' : 's'}`,
    createdAt: at,
    updatedAt: at,
    expiresAt: Math.floor(now.getTime() / 1000) + ttlSeconds,
  };
}

/**
 * The status a record should have once its items are counted: PROGRESS while items remain, then SUCCESS if
 * any item succeeded, FAILURE if every item failed. Terminal states never move.
 */
export function statusAfterItems(record: Pick<TaskRecord, 'status' | 'total' | 'items'>): TaskStatus {
  if (isTerminal(record.status)) return record.status;
  const outcomes = Object.values(record.items);
  if (outcomes.length < record.total) return 'PROGRESS';
  return outcomes.some((outcome) => outcome.ok) ? 'SUCCESS' : 'FAILURE';
}

export function progressMessage(record: Pick<TaskRecord, 'total' | 'items'>, status: TaskStatus): string {
  const outcomes = Object.values(record.items);
  const failed = outcomes.filter((outcome) => !outcome.ok).length;
  const done = outcomes.length;
  if (status === 'SUCCESS' || status === 'FAILURE') {
    return `Processed ${done - failed}/${record.total} documents${failed ? `, ${failed} failed` : ''}`;
  }
  return `Processing: ${done}/${record.total} done${failed ? `, ${failed} failed` : ''}`;
}

export function toTaskProgress(record: TaskRecord): TaskProgress {
  const entries = Object.entries(record.items)
    .map(([index, outcome]) => ({ index: Number(index), outcome }))
    .sort((a, b) => a.index - b.index);
  const current = entries.length;
  const errors = entries.flatMap(({ index, outcome }) => (outcome.ok ? [] : [{ index, error: outcome.error }]));
  const documentIds = entries.flatMap(({ outcome }) => (outcome.ok ? [outcome.id] : []));
  const finished = record.status === 'SUCCESS' || record.status === 'FAILURE';
  return {
    taskId: record.taskId,
    type: record.type,
    status: record.status,
    current,
    total: record.total,
    percentage: record.total === 0 ? 100 : Math.round((current / record.total) * 10_000) / 100,
    message: record.message,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    ...(record.startedAt && { startedAt: record.startedAt }),
    ...(record.completedAt && { completedAt: record.completedAt }),
    ...(record.failedAt && { failedAt: record.failedAt }),
    ...(finished && { result: { succeeded: documentIds.length, failed: errors.length, documentIds } }),
    errors,
  };
}
