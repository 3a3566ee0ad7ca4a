import { taskFunctions } from '#functions/manifest';
import { describe, expect, it } from 'vitest';
import { handler } from '#functions/http/health';
import { taskQueue } from '#shared/container/queues';
import { httpEvent, lambdaContext } from '../../support/events.ts';
import { useEmbeddedDefaults } from '../../support/embedded.ts';
import { jsonBody } from '../../support/http.ts';

useEmbeddedDefaults();

describe('GET /health', () => {
  it('reports every dependency up with its adapter and latency on embedded defaults', async () => {
    const result = await handler(httpEvent({ method: 'GET', path: '/health' }), lambdaContext());

    expect(result.statusCode).toBe(200);
    const report = jsonBody(result) as {
      status: string;
      version: string;
      components: Record<string, { status: string; adapter: string; latencyMs: number }>;
    };
    expect(report.status).toBe('healthy');
    expect(report.version).toBe('2.0.0');
    expect(Object.keys(report.components).sort()).toEqual([
      'api-keys',
      'audit',
      'cache',
      'graph',
      'idempotency',
      'progress',
      'queue',
      'rate-limits',
      'secrets',
      'users',
      'vectors',
    ]);
    for (const component of Object.values(report.components)) {
      expect(component).toMatchObject({ status: 'up', adapter: 'embedded' });
      expect(component.latencyMs).toBeGreaterThanOrEqual(0);
      expect(component.latencyMs).toBeLessThan(5_000);
    }
  });

  it('reports the queue degraded, still answering 200, while dead letters wait', async () => {
    // Prepare
    await taskQueue(taskFunctions.processDocuments).deadLetter('{}', 'cannot succeed: test');

    // Act
    const result = await handler(httpEvent({ method: 'GET', path: '/health' }), lambdaContext());

    // Assess
    expect(result.statusCode).toBe(200);
    expect(jsonBody(result)).toMatchObject({
      status: 'degraded',
      components: { queue: { status: 'degraded', warning: '1 dead letter waiting' } },
    });
  });
});
