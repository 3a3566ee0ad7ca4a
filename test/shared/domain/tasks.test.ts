import { describe, expect, it } from 'vitest';
import {
  canSeeTask,
  newTaskRecord,
  progressMessage,
  statusAfterItems,
  toTaskProgress,
  withItem,
  withRetry,
  withStatus,
  type TaskRecord,
} from '#shared/domain/tasks';

const base = (): TaskRecord =>
  newTaskRecord(
    'process-documents',
    '6f1c1f5e-8d0a-4a7e-9a51-0f3c2b1d9e11',
    2,
    new Date('2026-01-01T00:00:00Z'),
    3600,
    'ada',
  );

describe('task records', () => {
  it('start PENDING and expire after the TTL', () => {
    const record = base();
    expect(record.status).toBe('PENDING');
    expect(record.expiresAt).toBe(Date.parse('2026-01-01T01:00:00Z') / 1000);
  });

  it('are in PROGRESS while items remain', () => {
    expect(statusAfterItems({ ...base(), items: { '0': { ok: true, id: 'a' } } })).toBe('PROGRESS');
  });

  it('succeed when every item is done and one succeeded', () => {
    const items = { '0': { ok: true as const, id: 'a' }, '1': { ok: false as const, error: 'bad' } };
    expect(statusAfterItems({ ...base(), items })).toBe('SUCCESS');
  });

  it('fail when every item failed', () => {
    const items = { '0': { ok: false as const, error: 'x' }, '1': { ok: false as const, error: 'y' } };
    expect(statusAfterItems({ ...base(), items })).toBe('FAILURE');
  });

  it('never leave a terminal state', () => {
    expect(statusAfterItems({ ...base(), status: 'REVOKED' })).toBe('REVOKED');
  });

  it('show current, percentage, errors and the result', () => {
    const record: TaskRecord = {
      ...base(),
      status: 'SUCCESS',
      items: { '1': { ok: false, error: 'bad' }, '0': { ok: true, id: 'doc_a' } },
    };
    const progress = toTaskProgress(record);
    expect(progress).toMatchObject({
      current: 2,
      total: 2,
      percentage: 100,
      errors: [{ index: 1, error: 'bad' }],
      result: { succeeded: 1, failed: 1, documentIds: ['doc_a'] },
    });
  });
});

describe('task visibility', () => {
  it('shows a task to its submitter and to any admin, and to nobody else', () => {
    const record = base();
    expect([
      canSeeTask(record, { username: 'ada', admin: false }),
      canSeeTask(record, { username: 'root', admin: true }),
      canSeeTask(record, { username: 'eve', admin: false }),
    ]).toEqual([true, true, false]);
  });

  it('shows a task without a recorded submitter to admins only', () => {
    const anonymous = { submittedBy: undefined };
    expect([
      canSeeTask(anonymous, { username: 'ada', admin: false }),
      canSeeTask(anonymous, { username: 'root', admin: true }),
    ]).toEqual([false, true]);
  });
});

describe('task transitions', () => {
  const at = new Date('2026-01-01T00:05:00Z');

  it('stamps each terminal state with its own time and keeps the transitions in order', () => {
    const started = withStatus(base(), 'STARTED', at);
    const failed = withStatus(started, 'FAILURE', at);
    const revoked = withStatus(base(), 'REVOKED', at);
    expect(started).toMatchObject({ message: 'Started', startedAt: at.toISOString() });
    expect(failed.failedAt).toBe(at.toISOString());
    expect(failed.transitions.map((transition) => transition.status)).toEqual(['PENDING', 'STARTED', 'FAILURE']);
    expect(revoked).toMatchObject({ revokedAt: at.toISOString(), message: 'Revoked after 0/2 items' });
  });

  it('adds no transition when the status does not change', () => {
    const started = withStatus(base(), 'STARTED', at);
    expect(withStatus(started, 'STARTED', at).transitions).toEqual(started.transitions);
  });

  it('counts failed items in the progress message while work goes on and once it is done', () => {
    const items = { '0': { ok: false as const, error: 'bad' } };
    expect(progressMessage({ total: 2, items }, 'PROGRESS')).toBe('Processing: 1/2 done, 1 failed');
    expect(progressMessage({ total: 2, items }, 'REVOKED')).toBe('Revoked after 1/2 items, 1 failed');
    expect(progressMessage({ total: 1, items }, 'FAILURE')).toBe('Processed 0/1 items, 1 failed');
  });

  it('ignores an outcome for an item the task does not have', () => {
    const record = base();
    expect(withItem(record, 2, { ok: true, id: 'doc_x' }, at)).toBe(record);
  });

  it('records a retry with its attempt, due time and error, but not on a finished task', () => {
    // Prepare
    const retry = { attempt: 2, nextAttemptAt: new Date('2026-01-01T00:06:00Z'), error: 'Neo4j unavailable' };
    const finished = withStatus(base(), 'SUCCESS', at);

    // Act
    const retried = withRetry(base(), retry, at);

    // Assess
    expect(toTaskProgress(retried)).toMatchObject({
      status: 'RETRY',
      attempt: 2,
      nextAttemptAt: '2026-01-01T00:06:00.000Z',
      lastError: 'Neo4j unavailable',
      message: 'Retry 2 due at 2026-01-01T00:06:00.000Z: Neo4j unavailable',
    });
    expect(toTaskProgress(retried)).not.toHaveProperty('result');
    expect(withRetry(finished, retry, at)).toBe(finished);
  });

  it('shows a task without items as complete', () => {
    const empty = { ...newTaskRecord('process-documents', 't', 0, at, 60, 'ada'), status: 'SUCCESS' as const };
    expect(toTaskProgress(empty)).toMatchObject({ percentage: 100, current: 0, message: 'Queued 0 items' });
  });

  it('shows every stamp a record holds', () => {
    const revoked = withStatus(withStatus(withStatus(base(), 'STARTED', at), 'SUCCESS', at), 'REVOKED', at);
    expect(toTaskProgress({ ...revoked, failedAt: at.toISOString() })).toMatchObject({
      startedAt: at.toISOString(),
      completedAt: at.toISOString(),
      failedAt: at.toISOString(),
      revokedAt: at.toISOString(),
    });
  });
});
