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

    it('records several items in one change, leaving out those the record refuses', async () => {
      // Prepare
      const record = await createdRecord(3);
      await store.start(record.taskId, at(1));
      await store.recordItem(record.taskId, 0, ok(0), at(2));

      // Act
      const finished = await store.recordItems(
        record.taskId,
        [
          { index: 0, outcome: failed(0) },
          { index: 1, outcome: ok(1) },
          { index: 2, outcome: failed(2) },
          { index: 7, outcome: ok(7) },
        ],
        at(3),
      );

      // Assess
      expect(finished).toMatchObject({ status: 'SUCCESS', message: 'Processed 2/3 items, 1 failed' });
      expect(finished?.items).toEqual({ '0': ok(0), '1': ok(1), '2': failed(2) });
      expect(finished?.transitions.map((transition) => transition.status)).toEqual([
        'PENDING',
        'STARTED',
        'PROGRESS',
        'SUCCESS',
      ]);
      expect(await store.get(record.taskId)).toEqual(finished);
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

    it('moves an unfinished record to RETRY with the attempt, its error and when the next one is due', async () => {
      // Prepare
      const record = await createdRecord(3);
      await store.start(record.taskId, at(1));

      // Act
      const retrying = await store.retry(
        record.taskId,
        { attempt: 1, nextAttemptAt: at(9), error: 'graph down' },
        at(2),
      );

      // Assess
      expect(retrying).toMatchObject({
        status: 'RETRY',
        attempt: 1,
        nextAttemptAt: at(9).toISOString(),
        lastError: 'graph down',
      });
      expect(await store.get(record.taskId)).toEqual(retrying);
    });

    it('starts a RETRY record again on its next attempt', async () => {
      // Prepare
      const record = await createdRecord(3);
      await store.retry(record.taskId, { attempt: 1, nextAttemptAt: at(9), error: 'graph down' }, at(2));

      // Act
      const started = await store.start(record.taskId, at(10));

      // Assess
      expect(started).toMatchObject({ status: 'STARTED', startedAt: at(10).toISOString(), attempt: 1 });
    });

    it('stamps every change of status, in order', async () => {
      // Prepare
      const record = await createdRecord(2);
      await store.start(record.taskId, at(1));
      await store.recordItem(record.taskId, 0, ok(0), at(2));
      await store.retry(record.taskId, { attempt: 1, nextAttemptAt: at(9), error: 'down' }, at(3));
      await store.start(record.taskId, at(9));

      // Act
      const finished = await store.recordItem(record.taskId, 1, ok(1), at(10));

      // Assess
      expect(finished?.transitions).toEqual([
        { status: 'PENDING', at: record.createdAt },
        { status: 'STARTED', at: at(1).toISOString() },
        { status: 'PROGRESS', at: at(2).toISOString() },
        { status: 'RETRY', at: at(3).toISOString() },
        { status: 'STARTED', at: at(9).toISOString() },
        { status: 'SUCCESS', at: at(10).toISOString() },
      ]);
    });

    it('revokes an unfinished record and takes no item afterwards', async () => {
      // Prepare
      const record = await createdRecord(3);
      await store.recordItem(record.taskId, 0, ok(0), at(1));

      // Act
      const revoked = await store.revoke(record.taskId, at(2));
      const after = await store.recordItem(record.taskId, 1, ok(1), at(3));

      // Assess
      expect(revoked).toMatchObject({ status: 'REVOKED', revokedAt: at(2).toISOString() });
      expect(after).toEqual(revoked);
      expect(Object.keys(after?.items ?? {})).toEqual(['0']);
    });

    it('does not revoke a finished record', async () => {
      // Prepare
      const record = await createdRecord(1);
      const finished = await store.recordItem(record.taskId, 0, ok(0), at(1));

      // Act
      const revoked = await store.revoke(record.taskId, at(2));

      // Assess
      expect(revoked).toEqual(finished);
    });

    it('lets a redriven item that was dead-lettered succeed, and the task with it', async () => {
      // Prepare
      const record = await createdRecord(1);
      await store.recordItem(record.taskId, 0, { ok: false, error: 'gave up', deadLettered: true }, at(1));

      // Act
      const redriven = await store.recordItem(record.taskId, 0, ok(0), at(2));

      // Assess
      expect(redriven).toMatchObject({ status: 'SUCCESS', items: { '0': ok(0) } });
    });

    it("lists a submitter's records newest first, filtered and paged", async () => {
      // Prepare
      const submitter = `lister-${newTaskId()}`;
      const made: TaskRecord[] = [];
      for (let index = 0; index < 5; index += 1) {
        const record = {
          ...newTaskRecord('process-documents', newTaskId(), 1, new Date(Date.now() - index * 1000), HOUR, submitter),
        };
        await store.create(record);
        made.push(record);
      }
      await store.create(newTaskRecord('process-documents', newTaskId(), 1, new Date(), HOUR, `other-${newTaskId()}`));
      await store.revoke(made[1]?.taskId ?? '', new Date());

      // Act
      const first = await store.list({ submittedBy: submitter, limit: 2 });
      const second = await store.list({ submittedBy: submitter, limit: 2, ...(first.next && { after: first.next }) });
      const third = await store.list({ submittedBy: submitter, limit: 2, ...(second.next && { after: second.next }) });
      const revoked = await store.list({ submittedBy: submitter, status: 'REVOKED', limit: 10 });

      // Assess
      const listed = [...first.records, ...second.records, ...third.records].map((record) => record.taskId);
      expect(listed).toEqual(made.map((record) => record.taskId));
      expect(third.next).toBeUndefined();
      expect(revoked.records.map((record) => record.taskId)).toEqual([made[1]?.taskId]);
    });

    it("lists everyone's records when no submitter is given", async () => {
      // Prepare
      const mine = await createdRecord(1);
      const theirs = newTaskRecord('process-documents', newTaskId(), 1, new Date(), HOUR, `other-${newTaskId()}`);
      await store.create(theirs);

      // Act
      const page = await store.list({ limit: 100 });

      // Assess
      expect(page.records.map((record) => record.taskId)).toEqual(expect.arrayContaining([mine.taskId, theirs.taskId]));
    });

    it('answers its health check', async () => {
      // Act
      const check = store.check();

      // Assess
      await expect(check).resolves.toBeUndefined();
    });
  });
}
