import { describe, expect, it } from 'vitest';
import { checkCacheTarget, checkTargets } from '../../bench/targets.ts';
import { bundle, cacheResult, coldStart, warmResult } from './fixed-results.ts';

describe('checkTargets', () => {
  it('fails an HTTP bundle over 300 KB and passes one at or under it', () => {
    // Prepare
    const bundles = [bundle('big', 'http', 300 * 1024 + 1), bundle('small', 'http', 300 * 1024)];

    // Act
    const checks = checkTargets(bundles, [], { results: [] });

    // Assess
    expect(
      checks.filter((check) => check.target === 'HTTP bundle size').map((check) => [check.subject, check.status]),
    ).toEqual([
      ['big', 'FAIL'],
      ['small', 'PASS'],
    ]);
  });

  it('holds no size target against task functions', () => {
    // Act
    const checks = checkTargets([bundle('worker', 'task', 2 * 1024 * 1024)], [], { results: [] });

    // Assess
    expect(checks.some((check) => check.subject === 'worker')).toBe(false);
  });

  it('fails a cold start over twice the baseline', () => {
    // Prepare
    const coldStarts = [
      coldStart('slow', 'http', 41, 20),
      coldStart('quick', 'http', 40, 20),
      coldStart('baseline', 'baseline', 20, 20),
    ];

    // Act
    const checks = checkTargets([], coldStarts, { results: [] });

    // Assess
    expect(
      checks.filter((check) => check.target === 'Cold start').map((check) => [check.subject, check.status]),
    ).toEqual([
      ['slow', 'FAIL'],
      ['quick', 'PASS'],
    ]);
  });

  it('fails a cold start whose first response is a server error, however quick', () => {
    // Prepare
    const broken = { ...coldStart('broken', 'http', 21, 20), firstResponse: 'HTTP 500', responseOk: false };

    // Act
    const checks = checkTargets([], [broken], { results: [] });

    // Assess
    expect(checks.find((check) => check.subject === 'broken')?.status).toBe('FAIL');
  });

  it('fails a warm GET /health p95 over 10 ms', () => {
    // Act
    const checks = checkTargets([], [], { results: [warmResult('GET /health', 'local-runtime', 10.5)] });

    // Assess
    expect(checks.find((check) => check.target === 'Warm p95')?.status).toBe('FAIL');
  });

  it('reports the warm target as not measured when the local runtime was not measured', () => {
    // Act
    const checks = checkTargets([], [], { unavailable: 'did not start', results: [] });

    // Assess
    expect(checks.find((check) => check.target === 'Warm p95')?.status).toBe('NOT MEASURED');
  });
});

describe('checkCacheTarget', () => {
  it('passes a hit rate above 85 %', () => {
    // Act
    const check = checkCacheTarget(cacheResult({ memory: 500, shared: 351 }));

    // Assess
    expect([check.measured, check.status]).toEqual(['85.1 %', 'PASS']);
  });

  it('fails a hit rate of exactly 85 %, since the target is above it', () => {
    // Act
    const check = checkCacheTarget(cacheResult({ memory: 500, shared: 350 }));

    // Assess
    expect(check.status).toBe('FAIL');
  });
});
