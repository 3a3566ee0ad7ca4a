import { describe, expect, it, vi } from 'vitest';
import { auditLog } from '#shared/container/audit';
import { knowledgeStore } from '#shared/container/knowledge';
import { authHeaders } from '../../support/auth.ts';
import { useEmbeddedDefaults } from '../../support/embedded.ts';
import { expectProblem } from '../../support/http.ts';
import { conceptApi } from '../../functions/http/knowledge-requests.ts';

useEmbeddedDefaults();

/** The audit table refusing every write, as during an outage. */
function auditTrailDown(): void {
  const outage = new Error('audit table unreachable');
  vi.spyOn(auditLog(), 'record').mockRejectedValue(outage);
  vi.spyOn(auditLog(), 'recordRepeated').mockRejectedValue(outage);
}

describe('the HTTP stack while the audit trail is down', () => {
  it('answers a write it could not audit with 503 and Retry-After, though the write was applied', async () => {
    // Prepare
    const editor = await authHeaders('editor');
    auditTrailDown();

    // Act
    const result = await conceptApi.create({ headers: editor, body: { name: 'Yggdrasil' } });

    // Assess
    expectProblem(result, 503);
    expect(result.headers['retry-after']).toBe('5');
    expect((await knowledgeStore().concepts.list({ limit: 10 })).items).toHaveLength(1);
  });

  it('answers a denied request it could not audit with 503 instead of the denial', async () => {
    // Prepare
    auditTrailDown();

    // Act
    const result = await conceptApi.create({ body: { name: 'Yggdrasil' } });

    // Assess
    expect(expectProblem(result, 503).type).toBe('/problems/service-unavailable');
    expect(result.headers['www-authenticate']).toBeUndefined();
  });
});
