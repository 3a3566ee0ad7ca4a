import { describe, expect, it } from 'vitest';
import { handler } from '#functions/http/fallback';
import { httpEvent, lambdaContext } from '../../support/events.ts';
import { expectProblem } from '../../support/http.ts';

const call = (method: string, path: string) =>
  handler(httpEvent({ method, path, routeKey: '$default' }), lambdaContext());

describe('$default route', () => {
  it('answers an unknown path with a 404 problem document', async () => {
    const problem = expectProblem(await call('GET', '/nowhere'), 404);
    expect(problem.detail).toBe('No route for GET /nowhere');
  });

  it('answers a known path with the wrong method with 405 and the allowed methods', async () => {
    const result = await call('DELETE', '/health');
    expectProblem(result, 405);
    expect(result.headers.allow).toBe('GET');
  });

  it('adds the performance headers to errors too', async () => {
    const result = await call('GET', '/nowhere');
    expect(result.headers['x-server']).toBe('Yggdrasil/2.0.0');
    expect(Number(result.headers['x-process-time'])).toBeGreaterThan(0);
  });
});
