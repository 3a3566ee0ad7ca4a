import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { httpFunctions } from '#functions/manifest';
import { httpFunction } from '#shared/http/http-function';
import { json } from '#shared/http/responses';
import { captureOutput, type CapturedOutput } from '../../support/captured-output.ts';
import { emfRecords, metricNames } from '../../support/emf.ts';
import { httpEvent, lambdaContext } from '../../support/events.ts';
import { useEmbeddedDefaults } from '../../support/embedded.ts';

// The test command turns metrics off everywhere; this file checks what they print, so it turns them on
// before the metrics instance is made.
vi.hoisted(() => {
  process.env.POWERTOOLS_METRICS_DISABLED = 'false';
});

useEmbeddedDefaults();

const fn = httpFunctions.health;
const call = (status: number) =>
  httpFunction(fn, () => Promise.resolve(json(status, { ok: status < 400 })))(
    httpEvent({ method: 'GET', path: '/health' }),
    lambdaContext(fn),
  );

describe('the HTTP stack’s metrics', () => {
  let output: CapturedOutput;

  beforeEach(() => {
    output = captureOutput();
  });

  afterEach(() => {
    output.stop();
  });

  it('prints one EMF record per request, in the Yggdrasil namespace, by route', async () => {
    // Act
    await call(200);

    // Assess
    const records = emfRecords(output).filter((record) => metricNames(record).includes('ApiRequests'));
    expect(records).toHaveLength(1);
    const [record] = records;
    expect(record?._aws.CloudWatchMetrics[0]?.Namespace).toBe('Yggdrasil');
    expect(record?._aws.CloudWatchMetrics[0]?.Dimensions).toEqual([expect.arrayContaining(['route'])]);
    expect(record).toMatchObject({ route: 'GET /health', ApiRequests: 1, ApiClientErrors: 0, ApiServerErrors: 0 });
    expect(record?.ApiRequestDuration).toBeGreaterThan(0);
  });

  it('counts a 4xx answer as a client error', async () => {
    // Act
    await call(404);

    // Assess
    const [record] = emfRecords(output).filter((candidate) => metricNames(candidate).includes('ApiRequests'));
    expect(record).toMatchObject({ ApiRequests: 1, ApiClientErrors: 1, ApiServerErrors: 0 });
  });

  it('declares each metric with its unit', async () => {
    // Act
    await call(200);

    // Assess
    const [record] = emfRecords(output).filter((candidate) => metricNames(candidate).includes('ApiRequests'));
    expect(record?._aws.CloudWatchMetrics[0]?.Metrics).toEqual(
      expect.arrayContaining([
        { Name: 'ApiRequests', Unit: 'Count' },
        { Name: 'ApiRequestDuration', Unit: 'Milliseconds' },
      ]),
    );
  });
});
