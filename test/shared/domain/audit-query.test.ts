import { describe, expect, it } from 'vitest';
import { newAuditEntry } from '#shared/domain/audit';
import { auditPage, resolveAuditQuery } from '#shared/domain/audit-query';
import { cursorScope, encodeCursor } from '#shared/domain/cursor';
import { ValidationError } from '#shared/errors';

const now = new Date('2030-03-04T05:06:07.089Z');
const context = { now, retentionDays: 90 };
const entryAt = (iso: string, requestId: string) =>
  newAuditEntry(
    {
      actor: 'alice',
      actorKind: 'user',
      action: 'user.create',
      resourceType: 'user',
      outcome: 'success',
      status: 201,
      ip: '203.0.113.7',
      userAgent: 'test',
      requestId,
    },
    { at: new Date(iso) },
  );

describe('audit queries', () => {
  it('default to the retention period up to now', () => {
    // Act
    const resolved = resolveAuditQuery({ limit: 10 }, context);

    // Assess
    expect(resolved).toEqual({
      user: undefined,
      from: '2029-12-04T05:06:07.089Z',
      to: '2030-03-04T05:06:07.089Z',
      limit: 10,
      exhausted: false,
    });
  });

  it.each([0, 101, 2.5])('refuse a limit of %s', (limit) => {
    // Act
    const resolve = () => resolveAuditQuery({ limit }, context);

    // Assess
    expect(resolve).toThrow(ValidationError);
  });

  it('refuse a year the sort keys cannot order', () => {
    // Act
    const resolve = () => resolveAuditQuery({ limit: 10, to: new Date('+010000-01-01T00:00:00.000Z') }, context);

    // Assess
    expect(resolve).toThrow('to: must be a date between 1970 and 9999');
  });

  it('continue from the position their cursor holds', () => {
    // Prepare
    const page = auditPage(
      [entryAt('2030-03-04T03:00:00.000Z', 'a'), entryAt('2030-03-04T02:00:00.000Z', 'b')],
      { limit: 1 },
      resolveAuditQuery({ limit: 1 }, context),
    );

    // Act
    const resolved = resolveAuditQuery({ limit: 1, cursor: page.nextCursor }, context);

    // Assess
    expect(resolved.before).toEqual({ at: '2030-03-04T03:00:00.000Z', id: page.entries[0]?.id });
  });

  it('are exhausted when the default start has moved past the cursor', () => {
    // Prepare
    const page = auditPage(
      [entryAt('2029-12-04T06:00:00.000Z', 'a'), entryAt('2029-12-04T05:30:00.000Z', 'b')],
      { limit: 1 },
      resolveAuditQuery({ limit: 1 }, context),
    );
    const tomorrow = { ...context, now: new Date(now.getTime() + 86_400_000) };

    // Act
    const resolved = resolveAuditQuery({ limit: 1, cursor: page.nextCursor }, tomorrow);

    // Assess
    expect(resolved.exhausted).toBe(true);
  });

  it('refuse a cursor pointing past "to"', () => {
    // Prepare
    const to = new Date('2030-01-01T00:00:00.000Z');
    const scope = cursorScope('audit', { user: undefined, from: undefined, to: to.toISOString() });
    const cursor = encodeCursor(scope, { at: '2030-02-01T00:00:00.000Z', id: 'x' });

    // Act
    const resolve = () => resolveAuditQuery({ limit: 1, to, cursor }, context);

    // Assess
    expect(resolve).toThrow('it points past this query\'s "to"');
  });

  it('give a page without a cursor when no row beyond the limit was fetched', () => {
    // Act
    const page = auditPage(
      [entryAt('2030-03-04T03:00:00.000Z', 'a')],
      { limit: 1 },
      resolveAuditQuery({ limit: 1 }, context),
    );

    // Assess
    expect(page.nextCursor).toBeUndefined();
  });
});
