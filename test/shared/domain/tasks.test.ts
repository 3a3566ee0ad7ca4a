import { describe, expect, it } from 'vitest';
import { newTaskRecord, statusAfterItems, toTaskProgress, type TaskRecord } from '#shared/domain/tasks';

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
