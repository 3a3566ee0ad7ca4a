import { describe, expect, it } from 'vitest';
import { checkHealth } from '#shared/services/health';

const up = { component: 'graph', adapter: 'fake', check: () => Promise.resolve() };
const down = { component: 'queue', adapter: 'fake', check: () => Promise.reject(new Error('connection refused')) };
const hanging = { component: 'progress', adapter: 'fake', check: () => new Promise<void>(() => undefined) };

describe('checkHealth', () => {
  it('is healthy when every component is up', async () => {
    expect((await checkHealth([up])).status).toBe('healthy');
  });

  it('names the components that are down and why', async () => {
    const report = await checkHealth([up, down]);
    expect(report.status).toBe('unhealthy');
    expect(report.down).toEqual(['queue']);
    expect(report.components.queue?.error).toBe('connection refused');
  });

  it('reports how long a check took', async () => {
    const slow = {
      component: 'cache',
      adapter: 'fake',
      check: () => new Promise<void>((done) => setTimeout(done, 30)),
    };

    const report = await checkHealth([slow]);

    expect(report.components.cache?.latencyMs).toBeGreaterThanOrEqual(25);
    expect(report.components.cache?.latencyMs).toBeLessThan(5_000);
  });

  it('counts a component that does not answer in time as down', async () => {
    const report = await checkHealth([hanging], 50);
    expect(report.components.progress).toMatchObject({ status: 'down', error: 'no answer within 50 ms' });
  });
});
