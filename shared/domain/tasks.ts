import { randomUUID } from 'node:crypto';

/**
 * The kinds of queued work; each has its own queue and task function. Also the filters' and their
 * validation's list: a manifest test checks it names each task function's.
 */
export const TASK_TYPES = ['process-documents'] as const;
export type TaskType = (typeof TASK_TYPES)[number];

/** Celery's task states, kept so clients of the original system read them unchanged. */
export const TASK_STATUSES = ['PENDING', 'STARTED', 'PROGRESS', 'SUCCESS', 'FAILURE', 'RETRY', 'REVOKED'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

const TERMINAL: ReadonlySet<TaskStatus> = new Set(['SUCCESS', 'FAILURE', 'REVOKED']);
export const isTerminal = (status: TaskStatus): boolean => TERMINAL.has(status);

/**
 * What happened to one item (e.g. one document) of a task. `deadLettered` marks an item given up on with
 * its message: a redrive of that message does it again.
 */
export type ItemOutcome =
  | { readonly ok: true; readonly id: string }
  | { readonly ok: false; readonly error: string; readonly id?: string; readonly deadLettered?: boolean };

/** One change of status, when it happened. */
export interface TaskTransition {
  readonly status: TaskStatus;
  readonly at: string;
}

/** Why and when a task waits for its next attempt (Celery's RETRY state). */
export interface TaskRetry {
  /** The attempt that failed, from 1. */
  readonly attempt: number;
  readonly nextAttemptAt: Date;
  readonly error: string;
}

/** The stored progress record. `items` is keyed by item index, which makes recording an outcome idempotent. */
export interface TaskRecord {
  readonly taskId: string;
  readonly type: TaskType;
  readonly status: TaskStatus;
  readonly total: number;
  readonly items: Readonly<Record<string, ItemOutcome>>;
  readonly message: string;
  /** Who submitted the task: only they and admins may see or cancel it. Absent on records older than that. */
  readonly submittedBy?: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly startedAt?: string;
  readonly completedAt?: string;
  readonly failedAt?: string;
  readonly revokedAt?: string;
  /** Set while and after the task waited for a retry. */
  readonly attempt?: number;
  readonly nextAttemptAt?: string;
  readonly lastError?: string;
  /** Every change of status, oldest first. */
  readonly transitions: readonly TaskTransition[];
  /** Epoch seconds after which the record may be deleted (DynamoDB TTL). */
  readonly expiresAt: number;
}

/** The progress view served by `GET /tasks/{taskId}` and listed by `GET /tasks`. */
export interface TaskProgress {
  readonly taskId: string;
  readonly type: TaskType;
  readonly status: TaskStatus;
  readonly current: number;
  readonly total: number;
  readonly percentage: number;
  readonly message: string;
  readonly submittedBy?: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly startedAt?: string;
  readonly completedAt?: string;
  readonly failedAt?: string;
  readonly revokedAt?: string;
  readonly attempt?: number;
  readonly nextAttemptAt?: string;
  readonly lastError?: string;
  readonly transitions: readonly TaskTransition[];
  readonly result?: { readonly succeeded: number; readonly failed: number; readonly documentIds: readonly string[] };
  readonly errors: readonly { readonly index: number; readonly error: string }[];
}

/** Who asks about a task: its submitter and admins may see it, nobody else learns it exists. */
export interface TaskViewer {
  readonly username: string;
  readonly admin: boolean;
}

export function canSeeTask(record: Pick<TaskRecord, 'submittedBy'>, viewer: TaskViewer): boolean {
  return viewer.admin || (record.submittedBy !== undefined && record.submittedBy === viewer.username);
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
  submittedBy: string,
): TaskRecord {
  const at = now.toISOString();
  return {
    taskId,
    type,
    status: 'PENDING',
    total,
    items: {},
    message: `Queued ${total} item${total === 1 ? '' : 's'}`,
    submittedBy,
    createdAt: at,
    updatedAt: at,
    transitions: [{ status: 'PENDING', at }],
    expiresAt: Math.floor(now.getTime() / 1000) + ttlSeconds,
  };
}

/**
 * Whether an outcome may be written for item `index`: one of the task's items, of a task not REVOKED, and
 * not a success already (a success is never overwritten; a redriven item that failed before may succeed).
 */
export function acceptsItem(record: Pick<TaskRecord, 'status' | 'items' | 'total'>, index: number): boolean {
  return (
    Number.isInteger(index) &&
    index >= 0 &&
    index < record.total &&
    record.status !== 'REVOKED' &&
    record.items[String(index)]?.ok !== true
  );
}

/** Whether item `index` still has to be done: never done, or given up on with a dead-lettered message. */
export function needsWork(record: Pick<TaskRecord, 'items'>, index: number): boolean {
  const outcome = record.items[String(index)];
  return outcome === undefined || (!outcome.ok && outcome.deadLettered === true);
}

/**
 * The status a record should have once its items are counted: PROGRESS while items remain, then SUCCESS if
 * any item succeeded, FAILURE if every item failed. REVOKED never moves; a finished task whose failed item
 * was redriven and now succeeded becomes SUCCESS.
 */
export function statusAfterItems(record: Pick<TaskRecord, 'status' | 'total' | 'items'>): TaskStatus {
  if (record.status === 'REVOKED') return record.status;
  const outcomes = Object.values(record.items);
  if (outcomes.length < record.total) return isTerminal(record.status) ? record.status : 'PROGRESS';
  return outcomes.some((outcome) => outcome.ok) ? 'SUCCESS' : 'FAILURE';
}

export function progressMessage(record: Pick<TaskRecord, 'total' | 'items'>, status: TaskStatus): string {
  const outcomes = Object.values(record.items);
  const failed = outcomes.filter((outcome) => !outcome.ok).length;
  const done = outcomes.length;
  if (status === 'SUCCESS' || status === 'FAILURE') {
    return `Processed ${done - failed}/${record.total} items${failed ? `, ${failed} failed` : ''}`;
  }
  if (status === 'REVOKED') return `Revoked after ${done}/${record.total} items${failed ? `, ${failed} failed` : ''}`;
  return `Processing: ${done}/${record.total} done${failed ? `, ${failed} failed` : ''}`;
}

/** The outcome of one item of a task, by its index. */
export interface ItemResult {
  readonly index: number;
  readonly outcome: ItemOutcome;
}

/** The record after an item's outcome is written, with status, message, stamps and transitions brought up to date. */
export function withItem(record: TaskRecord, index: number, outcome: ItemOutcome, at: Date): TaskRecord {
  return withItems(record, [{ index, outcome }], at);
}

/**
 * The record after several items' outcomes are written at once (those it accepts, `acceptsItem`), brought up
 * to date as one change: the same record, unchanged, when it accepts none of them.
 */
export function withItems(record: TaskRecord, results: readonly ItemResult[], at: Date): TaskRecord {
  const accepted = results.filter((result) => acceptsItem(record, result.index));
  if (accepted.length === 0) return record;
  const items = { ...record.items };
  for (const { index, outcome } of accepted) items[String(index)] = outcome;
  return withStatus({ ...record, items, updatedAt: at.toISOString() }, statusAfterItems({ ...record, items }), at);
}

/** The record moved to `status` (a no-op when it is there already), its message and transitions updated. */
export function withStatus(record: TaskRecord, status: TaskStatus, at: Date): TaskRecord {
  const stamp = at.toISOString();
  const moved = status !== record.status;
  return {
    ...record,
    status,
    message: status === 'STARTED' ? 'Started' : progressMessage(record, status),
    updatedAt: stamp,
    ...(moved && { transitions: [...record.transitions, { status, at: stamp }] }),
    ...(moved && status === 'STARTED' && { startedAt: stamp }),
    ...(moved && status === 'SUCCESS' && { completedAt: stamp }),
    ...(moved && status === 'FAILURE' && { failedAt: stamp }),
    ...(moved && status === 'REVOKED' && { revokedAt: stamp }),
  };
}

/** A RETRY record: which attempt failed, why, and when the next one is due. Terminal records stay as they are. */
export function withRetry(record: TaskRecord, retry: TaskRetry, at: Date): TaskRecord {
  if (isTerminal(record.status)) return record;
  const moved = withStatus(record, 'RETRY', at);
  return {
    ...moved,
    message: `Retry ${retry.attempt} due at ${retry.nextAttemptAt.toISOString()}: ${retry.error}`,
    attempt: retry.attempt,
    nextAttemptAt: retry.nextAttemptAt.toISOString(),
    lastError: retry.error,
  };
}

export function toTaskProgress(record: TaskRecord): TaskProgress {
  const entries = Object.entries(record.items)
    .map(([index, outcome]) => ({ index: Number(index), outcome }))
    .sort((a, b) => a.index - b.index);
  const current = entries.length;
  const errors = entries.flatMap(({ index, outcome }) => (outcome.ok ? [] : [{ index, error: outcome.error }]));
  const documentIds = entries.flatMap(({ outcome }) => (outcome.ok ? [outcome.id] : []));
  return {
    taskId: record.taskId,
    type: record.type,
    status: record.status,
    current,
    total: record.total,
    percentage: record.total === 0 ? 100 : Math.round((current / record.total) * 10_000) / 100,
    message: record.message,
    ...(record.submittedBy !== undefined && { submittedBy: record.submittedBy }),
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    ...(record.startedAt && { startedAt: record.startedAt }),
    ...(record.completedAt && { completedAt: record.completedAt }),
    ...(record.failedAt && { failedAt: record.failedAt }),
    ...(record.revokedAt && { revokedAt: record.revokedAt }),
    ...(record.attempt !== undefined && { attempt: record.attempt }),
    ...(record.nextAttemptAt && { nextAttemptAt: record.nextAttemptAt }),
    ...(record.lastError !== undefined && { lastError: record.lastError }),
    transitions: record.transitions,
    ...(isTerminal(record.status) && {
      result: { succeeded: documentIds.length, failed: errors.length, documentIds },
    }),
    errors,
  };
}

/** Where a page of tasks ends: lists run newest first, ties broken by id. */
export interface TaskPosition {
  readonly createdAt: string;
  readonly taskId: string;
}

/** A filtered, paged look at the progress records. */
export interface TaskListQuery {
  /** Only this submitter's tasks; undefined lists everyone's (admins). */
  readonly submittedBy?: string;
  readonly status?: TaskStatus;
  readonly type?: TaskType;
  readonly limit: number;
  /** Start after this task. */
  readonly after?: TaskPosition;
}

export interface TaskRecordPage {
  readonly records: readonly TaskRecord[];
  /** Set when more records may follow. */
  readonly next?: TaskPosition;
}

/** Newest first, then by id, as every adapter lists them. */
export function compareNewestFirst(a: TaskPosition, b: TaskPosition): number {
  return b.createdAt.localeCompare(a.createdAt) || b.taskId.localeCompare(a.taskId);
}
