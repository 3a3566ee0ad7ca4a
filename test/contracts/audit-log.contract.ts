import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newAuditEntry, repeatedAuditEntry } from '#shared/domain/audit';
import type { AuditEntry, AuditEvent } from '#shared/domain/audit';
import type { AuditQuery } from '#shared/domain/audit-query';
import { ValidationError } from '#shared/errors';
import type { AuditLog } from '#shared/ports/audit-log';

/** Makes a fresh, empty log for one test; an adapter without server resources needs no async work or cleanup. */
export type MakeAuditLog = () =>
  | { log: AuditLog; cleanup?: () => void | Promise<void> }
  | Promise<{ log: AuditLog; cleanup?: () => void | Promise<void> }>;

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Midnight UTC three days ago: entries are placed around it, well inside the retention period. */
const midnight = new Date(Math.floor(Date.now() / DAY_MS) * DAY_MS - 3 * DAY_MS);
const hoursAfterMidnight = (hours: number): Date => new Date(midnight.getTime() + hours * HOUR_MS);
/** Bounds that hold every entry these tests make. */
const wholeRange = { from: hoursAfterMidnight(-48), to: hoursAfterMidnight(48) };

function event(overrides: Partial<AuditEvent> = {}): AuditEvent {
  return {
    actor: 'alice',
    actorKind: 'user',
    action: 'concept.update',
    resourceType: 'concept',
    resourceId: 'concept-1',
    outcome: 'success',
    status: 200,
    details: { fields: ['name'] },
    ip: '203.0.113.7',
    userAgent: 'contract-test/1.0',
    requestId: randomUUID(),
    ...overrides,
  };
}

function entryAt(at: Date, overrides: Partial<AuditEvent> = {}): AuditEntry {
  return newAuditEntry(event(overrides), { at, sequence: 0, retentionDays: 90 });
}

/** The behaviour every AuditLog adapter must share, run once per adapter. */
export function describeAuditLogContract(adapterName: string, makeLog: MakeAuditLog): void {
  describe(`AuditLog contract: ${adapterName}`, () => {
    let log: AuditLog;
    let cleanup: (() => void | Promise<void>) | undefined;

    beforeEach(async () => {
      ({ log, cleanup } = await makeLog());
    });

    afterEach(async () => {
      await cleanup?.();
    });

    async function recorded(entries: readonly AuditEntry[]): Promise<readonly AuditEntry[]> {
      for (const entry of entries) await log.record(entry);
      return entries;
    }

    /** Every page of `query`, following cursors until none is given. */
    async function allPages(query: AuditQuery): Promise<AuditEntry[][]> {
      const pages: AuditEntry[][] = [];
      let cursor: string | undefined;
      do {
        const page = await log.query({ ...query, cursor });
        pages.push([...page.entries]);
        cursor = page.nextCursor;
      } while (cursor !== undefined && pages.length < 20);
      return pages;
    }

    it('returns a recorded entry', async () => {
      // Prepare
      const entry = entryAt(hoursAfterMidnight(1));

      // Act
      await log.record(entry);

      // Assess
      expect(await log.query({ ...wholeRange, limit: 10 })).toEqual({ entries: [entry] });
    });

    it('returns an entry recorded now when no bounds are given', async () => {
      // Prepare
      const entry = entryAt(new Date());
      await log.record(entry);

      // Act
      const page = await log.query({ limit: 10 });

      // Assess
      expect(page.entries).toEqual([entry]);
    });

    it('returns entries newest first', async () => {
      // Prepare
      const [older, newest, middle] = await recorded([
        entryAt(hoursAfterMidnight(1)),
        entryAt(hoursAfterMidnight(3)),
        entryAt(hoursAfterMidnight(2)),
      ]);

      // Act
      const page = await log.query({ ...wholeRange, limit: 10 });

      // Assess
      expect(page.entries).toEqual([newest, middle, older]);
    });

    it('returns only the entries of the requested user', async () => {
      // Prepare
      const [bob1, , bob2] = await recorded([
        entryAt(hoursAfterMidnight(1), { actor: 'bob' }),
        entryAt(hoursAfterMidnight(2), { actor: 'alice' }),
        entryAt(hoursAfterMidnight(3), { actor: 'bob' }),
      ]);

      // Act
      const page = await log.query({ ...wholeRange, user: 'bob', limit: 10 });

      // Assess
      expect(page.entries).toEqual([bob2, bob1]);
    });

    it('includes entries exactly at the bounds and excludes those just outside', async () => {
      // Prepare
      const from = hoursAfterMidnight(1);
      const to = hoursAfterMidnight(2);
      const [, atFrom, atTo] = await recorded([
        entryAt(new Date(from.getTime() - 1)),
        entryAt(from),
        entryAt(to),
        entryAt(new Date(to.getTime() + 1)),
      ]);

      // Act
      const page = await log.query({ from, to, limit: 10 });

      // Assess
      expect(page.entries).toEqual([atTo, atFrom]);
    });

    it('applies the bounds to one user’s entries too', async () => {
      // Prepare
      const from = hoursAfterMidnight(1);
      const to = hoursAfterMidnight(2);
      const [, inside] = await recorded([
        entryAt(hoursAfterMidnight(0), { actor: 'bob' }),
        entryAt(hoursAfterMidnight(1.5), { actor: 'bob' }),
        entryAt(hoursAfterMidnight(3), { actor: 'bob' }),
      ]);

      // Act
      const page = await log.query({ user: 'bob', from, to, limit: 10 });

      // Assess
      expect(page.entries).toEqual([inside]);
    });

    it('pages through five entries two at a time, each entry once and in order', async () => {
      // Prepare
      const entries = await recorded([1, 2, 3, 4, 5].map((hour) => entryAt(hoursAfterMidnight(hour))));

      // Act
      const pages = await allPages({ ...wholeRange, limit: 2 });

      // Assess
      expect(pages.map((page) => page.length)).toEqual([2, 2, 1]);
      expect(pages.flat()).toEqual([...entries].reverse());
    });

    it('pages through one user’s entries two at a time, each entry once and in order', async () => {
      // Prepare
      const entries = await recorded(
        [1, 2, 3, 4, 5].map((hour) => entryAt(hoursAfterMidnight(hour), { actor: 'carol' })),
      );
      await recorded([entryAt(hoursAfterMidnight(2.5), { actor: 'dave' })]);

      // Act
      const pages = await allPages({ ...wholeRange, user: 'carol', limit: 2 });

      // Assess
      expect(pages.flat()).toEqual([...entries].reverse());
    });

    it('pages correctly across entries on different days', async () => {
      // Prepare
      const entries = await recorded([-30, -20, -2, -1, 1, 2, 26].map((hour) => entryAt(hoursAfterMidnight(hour))));

      // Act
      const pages = await allPages({ ...wholeRange, limit: 2 });

      // Assess
      expect(pages.map((page) => page.length)).toEqual([2, 2, 2, 1]);
      expect(pages.flat()).toEqual([...entries].reverse());
    });

    it('pages correctly through entries recorded in the same millisecond', async () => {
      // Prepare
      const at = hoursAfterMidnight(1);
      const entries = await recorded([1, 2, 3, 4].map(() => entryAt(at)));

      // Act
      const pages = await allPages({ ...wholeRange, limit: 3 });

      // Assess
      const newestFirst = [...entries].sort((a, b) => b.id.localeCompare(a.id));
      expect(pages.flat()).toEqual(newestFirst);
    });

    it('gives no cursor when the page holds the last entries', async () => {
      // Prepare
      await recorded([1, 2].map((hour) => entryAt(hoursAfterMidnight(hour))));

      // Act
      const page = await log.query({ ...wholeRange, limit: 2 });

      // Assess
      expect(page.nextCursor).toBeUndefined();
    });

    it('refuses a malformed cursor with a ValidationError', async () => {
      // Act
      const query = log.query({ ...wholeRange, limit: 2, cursor: 'not-a-cursor!' });

      // Assess
      await expect(query).rejects.toThrow(ValidationError);
    });

    it('refuses a cursor issued for different filters with a ValidationError', async () => {
      // Prepare
      await recorded([1, 2, 3].map((hour) => entryAt(hoursAfterMidnight(hour))));
      const { nextCursor } = await log.query({ ...wholeRange, limit: 2 });

      // Act
      const query = log.query({ ...wholeRange, user: 'alice', limit: 2, cursor: nextCursor });

      // Assess
      await expect(query).rejects.toThrow(ValidationError);
    });

    it('refuses a limit above 100 with a ValidationError', async () => {
      // Act
      const query = log.query({ ...wholeRange, limit: 101 });

      // Assess
      await expect(query).rejects.toThrow(ValidationError);
    });

    it('refuses bounds where from is after to with a ValidationError', async () => {
      // Act
      const query = log.query({ from: wholeRange.to, to: wholeRange.from, limit: 10 });

      // Assess
      await expect(query).rejects.toThrow(ValidationError);
    });

    it('stores an entry recorded twice once', async () => {
      // Prepare
      const entry = entryAt(hoursAfterMidnight(1));

      // Act
      await log.record(entry);
      await log.record(entry);

      // Assess
      expect((await log.query({ ...wholeRange, limit: 10 })).entries).toEqual([entry]);
    });

    it('counts alike repeated entries of one window in one entry that keeps the first request', async () => {
      // Prepare
      const denial = { outcome: 'denied', status: 401, details: { reason: 'unauthorized' } } as const;
      const first = repeatedAuditEntry(event(denial), { at: hoursAfterMidnight(1), retentionDays: 90 });
      const later = repeatedAuditEntry(event(denial), { at: new Date(hoursAfterMidnight(1).getTime() + 1000) });

      // Act
      await log.recordRepeated(first);
      for (let request = 0; request < 4; request++) await log.recordRepeated(later);

      // Assess
      expect((await log.query({ ...wholeRange, limit: 10 })).entries).toEqual([{ ...first, count: 5 }]);
    });

    it('keeps repeated entries from different addresses apart', async () => {
      // Prepare
      const at = hoursAfterMidnight(1);
      const denial = { outcome: 'denied', status: 401 } as const;

      // Act
      await log.recordRepeated(repeatedAuditEntry(event({ ...denial, ip: '203.0.113.7' }), { at }));
      await log.recordRepeated(repeatedAuditEntry(event({ ...denial, ip: '198.51.100.9' }), { at }));

      // Assess
      const counts = (await log.query({ ...wholeRange, limit: 10 })).entries.map((entry) => [entry.ip, entry.count]);
      expect(counts.sort()).toEqual([
        ['198.51.100.9', 1],
        ['203.0.113.7', 1],
      ]);
    });

    it('does not return expired entries', async () => {
      // Prepare
      const live = entryAt(hoursAfterMidnight(2));
      const expired = { ...entryAt(hoursAfterMidnight(1)), expiresAt: Math.floor(Date.now() / 1000) - 10 };
      await recorded([expired, live]);

      // Act
      const page = await log.query({ ...wholeRange, limit: 10 });

      // Assess
      expect(page.entries).toEqual([live]);
    });

    it('reports itself to /health as the audit component', async () => {
      // Act
      const check = log.check();

      // Assess
      await expect(check).resolves.toBeUndefined();
      expect(log.component).toBe('audit');
    });
  });
}
