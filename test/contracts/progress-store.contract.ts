import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newTaskId, newTaskRecord } from '#shared/domain/tasks';
import type { ItemOutcome, TaskRecord } from '#shared/domain/tasks';
import type { ProgressStore } from '#shared/ports/progress-store';

/** Makes a fresh store for one test; an adapter without server resources needs no async work or cleanup. */
export type MakeProgressStore = () =>
  | { store: ProgressStore; cleanup?: () => void | Promise<void> }
  | Promise<{ store: ProgressStore; cleanup?: () => void | Promise<void> }>;

const HOUR = 3600;
const clockStart = new Date('2030-01-01T00:00:00.000Z');
const at = (second: number) => new Date(clockStart.getTime() + second * 1000);
const ok = (index: number): ItemOutcome => ({ ok: true, id: `doc-${index}` });
const failed = (index: number): ItemOutcome => ({ ok: false, error: `item ${index} is broken` });

/** A fresh PENDING record that expires an hour from now. */
function pendingRecord(total: number): TaskRecord {
  return newTaskRecord('process-documents', newTaskId(), total, new Date(), HOUR, 'ada');
}

/** The behaviour every ProgressStore adapter must share, run once per adapter. */
export function describeProgressStoreContract(adapterName: string, makeStore: MakeProgressStore): void {
  describe(`ProgressStore contract: ${adapterName}`, () => {
    let store: ProgressStore;
    let cleanup: (() => void | Promise<void>) | undefined;

    beforeEach(async () => {
      ({ store, cleanup } = await makeStore());
    });

    afterEach(async () => {
      await cleanup?.();
    });

    async function createdRecord(total: number): Promise<TaskRecord> {
      const record = pendingRecord(total);
      await store.create(record);
      return record;
    }

    it('returns a created record', async () => {
      // Prepare
      const record = pendingRecord(3);

      // Act
      await store.create(record);

      // Assess
      expect(await store.get(record.taskId)).toEqual(record);
    });

    it('keeps the first record when the same id is created twice', async () => {
      // Prepare
      const first = await createdRecord(3);

      // Act
      await store.create({ ...first, total: 99, message: 'second' });

      // Assess
      expect(await store.get(first.taskId)).toEqual(first);
    });

    it('returns undefined for an unknown task', async () => {
      // Act
      const record = await store.get(newTaskId());

      // Assess
      expect(record).toBeUndefined();
    });

    it('does not return an expired record', async () => {
      // Prepare
      const expired = { ...pendingRecord(3), expiresAt: Math.floor(Date.now() / 1000) - 10 };
      await store.create(expired);

      // Act
      const record = await store.get(expired.taskId);

      // Assess
      expect(record).toBeUndefined();
    });

    it('moves a pending record to STARTED with its start time', async () => {
      // Prepare
      const record = await createdRecord(3);

      // Act
      const started = await store.start(record.taskId, at(1));

      // Assess
      expect(started).toMatchObject({ status: 'STARTED', startedAt: at(1).toISOString(), message: 'Started' });
      expect(await store.get(record.taskId)).toEqual(started);
    });

    it('leaves a started record as it is when it is started again', async () => {
      // Prepare
      const record = await createdRecord(3);
      const started = await store.start(record.taskId, at(1));

      // Act
      const again = await store.start(record.taskId, at(2));

      // Assess
      expect(again).toEqual(started);
    });

    it('returns undefined when an unknown task is started or recorded', async () => {
      // Act
      const started = await store.start('no-such-task', at(1));
      const recorded = await store.recordItem('no-such-task', 0, ok(0), at(2));

      // Assess
      expect([started, recorded]).toEqual([undefined, undefined]);
      expect(await store.get('no-such-task')).toBeUndefined();
    });

    it('reports PROGRESS while items remain', async () => {
      // Prepare
      const record = await createdRecord(3);
      await store.start(record.taskId, at(1));

      // Act
      const progress = await store.recordItem(record.taskId, 0, ok(0), at(2));

      // Assess
      expect(progress).toMatchObject({
        status: 'PROGRESS',
        message: 'Processing: 1/3 done',
        updatedAt: at(2).toISOString(),
      });
      expect(progress?.items).toEqual({ '0': ok(0) });
    });

    it('ends in SUCCESS with a completion time once every item succeeded', async () => {
      // Prepare
      const record = await createdRecord(3);
      await store.start(record.taskId, at(1));
      await store.recordItem(record.taskId, 0, ok(0), at(2));
      await store.recordItem(record.taskId, 1, ok(1), at(3));

      // Act
      const finished = await store.recordItem(record.taskId, 2, ok(2), at(4));

      // Assess
      expect(finished).toMatchObject({
        status: 'SUCCESS',
        message: 'Processed 3/3 items',
        completedAt: at(4).toISOString(),
        updatedAt: at(4).toISOString(),
      });
      expect(Object.keys(finished?.items ?? {})).toHaveLength(finished?.total ?? -1);
      expect(await store.get(record.taskId)).toEqual(finished);
    });

    it('counts an item recorded twice only once', async () => {
      // Prepare
      const record = await createdRecord(3);
      await store.recordItem(record.taskId, 0, ok(0), at(1));

      // Act
      const replayed = await store.recordItem(record.taskId, 0, ok(0), at(2));

      // Assess
      expect(replayed).toMatchObject({ status: 'PROGRESS', message: 'Processing: 1/3 done' });
      expect(replayed?.items).toEqual({ '0': ok(0) });
    });

    it('keeps a failed item with its error and goes on with the others', async () => {
      // Prepare
      const record = await createdRecord(3);
      await store.recordItem(record.taskId, 0, failed(0), at(1));
      await store.recordItem(record.taskId, 1, ok(1), at(2));

      // Act
      const finished = await store.recordItem(record.taskId, 2, ok(2), at(3));

      // Assess
      expect(finished).toMatchObject({ status: 'SUCCESS', message: 'Processed 2/3 items, 1 failed' });
      expect(finished?.items).toEqual({ '0': failed(0), '1': ok(1), '2': ok(2) });
    });

    it('ends in FAILURE with a failure time when every item failed', async () => {
      // Prepare
      const record = await createdRecord(2);
      await store.recordItem(record.taskId, 0, failed(0), at(1));

      // Act
      const finished = await store.recordItem(record.taskId, 1, failed(1), at(2));

      // Assess
      expect(finished).toMatchObject({ status: 'FAILURE', failedAt: at(2).toISOString() });
      expect(finished?.completedAt).toBeUndefined();
    });

    it('changes nothing once the task is finished', async () => {
      // Prepare
      const record = await createdRecord(1);
      const finished = await store.recordItem(record.taskId, 0, ok(0), at(1));

      // Act
      await store.recordItem(record.taskId, 0, failed(0), at(2));
      await store.recordItem(record.taskId, 1, ok(1), at(3));
      await store.start(record.taskId, at(4));

      // Assess
      expect(await store.get(record.taskId)).toEqual(finished);
    });

    it('keeps every item when many are recorded at once', async () => {
      // Prepare
      const total = 20;
      const record = await createdRecord(total);
      await store.start(record.taskId, at(1));

      // Act
      await Promise.all(
        Array.from({ length: total }, (_, index) => store.recordItem(record.taskId, index, ok(index), at(2 + index))),
      );

      // Assess
      const finished = await store.get(record.taskId);
      expect(Object.keys(finished?.items ?? {})).toHaveLength(total);
      expect(finished).toMatchObject({ status: 'SUCCESS', message: `Processed ${total}/${total} items` });
    });

    it('answers its health check', async () => {
      // Act
      const check = store.check();

      // Assess
      await expect(check).resolves.toBeUndefined();
    });
  });
}
