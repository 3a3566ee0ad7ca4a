import { describe, expect, it } from 'vitest';
import {
  AUDIT_DETAILS_MAX_BYTES,
  AUDIT_USER_AGENT_MAX_LENGTH,
  auditDay,
  auditEntryId,
  newAuditEntry,
} from '#shared/domain/audit';
import type { AuditEvent } from '#shared/domain/audit';

const at = new Date('2030-03-04T05:06:07.089Z');
const event: AuditEvent = {
  actor: 'alice',
  actorKind: 'user',
  action: 'api-key.create',
  resourceType: 'api-key',
  resourceId: 'key-1',
  outcome: 'success',
  status: 201,
  details: { name: 'ci' },
  ip: '203.0.113.7',
  userAgent: 'curl/8.0',
  requestId: 'req-1',
};

describe('audit entries', () => {
  it('carry the event, the time and an expiry after the retention period', () => {
    // Act
    const entry = newAuditEntry(event, { at, retentionDays: 30 });

    // Assess
    expect(entry).toMatchObject({ ...event, at: '2030-03-04T05:06:07.089Z' });
    expect(entry.expiresAt).toBe(Math.floor(at.getTime() / 1000) + 30 * 86_400);
  });

  it('expire after 90 days unless told otherwise', () => {
    // Act
    const entry = newAuditEntry(event, { at });

    // Assess
    expect(entry.expiresAt).toBe(Math.floor(at.getTime() / 1000) + 90 * 86_400);
  });

  it('get the same id for the same request and sequence', () => {
    // Act
    const first = newAuditEntry(event, { at, sequence: 1 });
    const retried = newAuditEntry(event, { at, sequence: 1 });

    // Assess
    expect(retried.id).toBe(first.id);
  });

  it('get different ids for different sequences of one request', () => {
    // Act
    const first = auditEntryId('req-1', 0);
    const second = auditEntryId('req-1', 1);

    // Assess
    expect(first).not.toBe(second);
  });

  it('get version 5 UUIDs as ids', () => {
    // Act
    const id = auditEntryId('req-1', 0);

    // Assess
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('redact details whose names are well-known secrets, however deep', () => {
    // Act
    const entry = newAuditEntry(
      { ...event, details: { password: 'hunter2', nested: { apiKey: 'k', keyId: 'key-1' }, list: [{ token: 't' }] } },
      { at },
    );

    // Assess
    expect(entry.details).toEqual({
      password: '[redacted]',
      nested: { apiKey: '[redacted]', keyId: 'key-1' },
      list: [{ token: '[redacted]' }],
    });
  });

  it('replace oversized details with a marker of their size', () => {
    // Prepare
    const details = { text: 'x'.repeat(AUDIT_DETAILS_MAX_BYTES) };

    // Act
    const entry = newAuditEntry({ ...event, details }, { at });

    // Assess
    expect(entry.details).toEqual({ truncated: true, bytes: Buffer.byteLength(JSON.stringify(details)) });
  });

  it('keep only the start of a long user agent', () => {
    // Act
    const entry = newAuditEntry({ ...event, userAgent: 'a'.repeat(5000) }, { at });

    // Assess
    expect(entry.userAgent).toHaveLength(AUDIT_USER_AGENT_MAX_LENGTH);
  });

  it('have empty details when the event has none', () => {
    // Act
    const entry = newAuditEntry({ ...event, details: undefined }, { at });

    // Assess
    expect(entry.details).toEqual({});
  });

  it('fall on the UTC day of their time', () => {
    // Act
    const day = auditDay('2030-03-04T23:59:59.999Z');

    // Assess
    expect(day).toBe('2030-03-04');
  });
});
