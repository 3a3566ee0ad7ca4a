import { describe, expect, it } from 'vitest';
import { withAddedLatency } from '../../bench/middleware-overhead.ts';
import { middlewareMeasurement } from './fixed-results.ts';

describe('withAddedLatency', () => {
  it('subtracts the bare handler’s percentile from each row’s, percentile by percentile', () => {
    // Prepare
    const bare = middlewareMeasurement('bare', 0.004, { p50Ms: 0.001, p95Ms: 0.002 });
    const wrapped = middlewareMeasurement('public', 0.3, { p50Ms: 0.1, p95Ms: 0.2 });

    // Act
    const [, row] = withAddedLatency([bare, wrapped]);

    // Assess
    expect([row?.addedP50Ms, row?.addedP95Ms, row?.addedP99Ms]).toEqual([0.1 - 0.001, 0.2 - 0.002, 0.3 - 0.004]);
  });

  it('adds nothing to the bare handler itself', () => {
    // Prepare
    const bare = middlewareMeasurement('bare', 0.004);

    // Act
    const [row] = withAddedLatency([bare]);

    // Assess
    expect([row?.addedP50Ms, row?.addedP95Ms, row?.addedP99Ms]).toEqual([0, 0, 0]);
  });

  it('keeps each measurement as it was measured', () => {
    // Prepare
    const wrapped = middlewareMeasurement('authenticated', 2, { unexpectedResponses: 1 });

    // Act
    const [, row] = withAddedLatency([middlewareMeasurement('bare', 0), wrapped]);

    // Assess
    expect(row).toMatchObject(wrapped);
  });

  it('refuses measurements without a bare handler to compare with', () => {
    // Act
    const act = () => withAddedLatency([middlewareMeasurement('public', 1)]);

    // Assess
    expect(act).toThrow('bare handler');
  });
});
