import { describe, expect, it } from 'vitest';
import { checkCacheTarget, checkConceptReadTargets, checkMiddlewareTarget, checkTargets } from '../../bench/targets.ts';
import {
  bundle,
  cacheResult,
  coldStart,
  conceptReads,
  graphQuery,
  middlewareRow,
  middlewareSection,
  warmResult,
} from './fixed-results.ts';

describe('checkTargets', () => {
  it('fails a bundle over 1 MB and passes one at or under it, HTTP or task', () => {
    // Prepare
    const bundles = [bundle('big', 'task', 1024 * 1024 + 1), bundle('small', 'http', 1024 * 1024)];

    // Act
    const checks = checkTargets(bundles, [], { results: [] });

    // Assess
    expect(
      checks.filter((check) => check.target === 'Bundle size').map((check) => [check.subject, check.status]),
    ).toEqual([
      ['big', 'FAIL'],
      ['small', 'PASS'],
    ]);
  });

  it('holds every function to 1 MB whatever it declares, as the bundle test does', () => {
    // Prepare: analyze-text and process-documents declare text analysis, search-documents the embedder.
    const bundles = [
      bundle('analyze-text', 'http', 1024 * 1024 + 1),
      bundle('process-documents', 'task', 1024 * 1024),
      bundle('search-documents', 'http', 1024 * 1024 + 1),
    ];

    // Act
    const checks = checkTargets(bundles, [], { results: [] }).filter((check) => check.target === 'Bundle size');

    // Assess
    expect(checks.map((check) => [check.subject, check.limit, check.status])).toEqual([
      ['analyze-text', '≤ 1024.0 KB', 'FAIL'],
      ['process-documents', '≤ 1024.0 KB', 'PASS'],
      ['search-documents', '≤ 1024.0 KB', 'FAIL'],
    ]);
  });

  it('holds an HTTP function without Neo4j to 3.5 × the baseline, one with Neo4j and a task to 5.5 ×', () => {
    // Prepare
    const coldStarts = [
      coldStart('list-users', 'http', 71, 20),
      coldStart('get-task', 'http', 70, 20),
      coldStart('get-concept', 'http', 111, 20),
      coldStart('list-claims', 'http', 110, 20),
      coldStart('process-documents', 'task', 110, 20),
      coldStart('baseline', 'baseline', 20, 20),
    ];

    // Act
    const checks = checkTargets([], coldStarts, { results: [] });

    // Assess
    expect(
      checks.filter((check) => check.target === 'Cold start').map((check) => [check.subject, check.status]),
    ).toEqual([
      ['list-users', 'FAIL'],
      ['get-task', 'PASS'],
      ['get-concept', 'FAIL'],
      ['list-claims', 'PASS'],
      ['process-documents', 'PASS'],
    ]);
  });

  it('fails a first event over 10 ms', () => {
    // Prepare
    const coldStarts = [
      { ...coldStart('slow', 'http', 30), medianFirstEventMs: 10.1 },
      { ...coldStart('quick', 'http', 30), medianFirstEventMs: 10 },
    ];

    // Act
    const checks = checkTargets([], coldStarts, { results: [] });

    // Assess
    expect(
      checks.filter((check) => check.target === 'First event').map((check) => [check.subject, check.status]),
    ).toEqual([
      ['slow', 'FAIL'],
      ['quick', 'PASS'],
    ]);
  });

  it('judges the cold start of a function whose first event calls Bedrock, and not its first event', () => {
    // Prepare
    const coldStarts = [
      { ...coldStart('search-documents', 'http', 100, 20), calls: 'Bedrock', medianFirstEventMs: 30 },
    ];

    // Act
    const checks = checkTargets([], coldStarts, { results: [] });

    // Assess
    expect(checks.map((check) => check.target)).toEqual(['Cold start', 'Peak RSS', 'Warm p95']);
  });

  it('judges nothing of a variant the stack does not deploy', () => {
    // Prepare
    const variant = { ...coldStart('search-documents (local ONNX)', 'http', 300, 20), variantOf: 'search-documents' };

    // Act
    const checks = checkTargets([], [variant], { results: [] });

    // Assess
    expect(checks.map((check) => check.target)).toEqual(['Warm p95']);
  });

  it('fails an HTTP function whose peak RSS passes 150 MB, and holds tasks to none', () => {
    // Prepare
    const coldStarts = [
      { ...coldStart('heavy', 'http', 30), peakRssBytes: 150 * 1024 * 1024 + 1 },
      { ...coldStart('light', 'http', 30), peakRssBytes: 150 * 1024 * 1024 },
      { ...coldStart('worker', 'task', 30), peakRssBytes: 400 * 1024 * 1024 },
    ];

    // Act
    const checks = checkTargets([], coldStarts, { results: [] });

    // Assess
    expect(checks.filter((check) => check.target === 'Peak RSS').map((check) => [check.subject, check.status])).toEqual(
      [
        ['heavy', 'FAIL'],
        ['light', 'PASS'],
      ],
    );
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

describe('checkMiddlewareTarget', () => {
  it('passes a public stack that adds at most 1 ms at p99 over the bare handler', () => {
    // Prepare
    const middleware = { warmupInvocations: 10, rows: [middlewareRow('bare', 0), middlewareRow('public', 1)] };

    // Act
    const check = checkMiddlewareTarget(middleware);

    // Assess
    expect([check.measured, check.status]).toEqual(['1.000 ms (p99 1.000 − 0.000 ms)', 'PASS']);
  });

  it('fails a public stack that adds more than 1 ms at p99', () => {
    // Prepare
    const middleware = { warmupInvocations: 10, rows: [middlewareRow('bare', 0), middlewareRow('public', 1.001)] };

    // Act
    const check = checkMiddlewareTarget(middleware);

    // Assess
    expect(check.status).toBe('FAIL');
  });

  it('fails a quick public stack whose results were not all 200', () => {
    // Prepare
    const wrong = middlewareRow('public', 0.1, { unexpectedResponses: 3 });
    const middleware = { warmupInvocations: 10, rows: [middlewareRow('bare', 0), wrong] };

    // Act
    const check = checkMiddlewareTarget(middleware);

    // Assess
    expect(check.status).toBe('FAIL');
  });

  it('holds no target against the authenticated stacks, however slow', () => {
    // Prepare
    const middleware = middlewareSection();
    const slow = { ...middleware, rows: [...middleware.rows, middlewareRow('authenticated', 50)] };

    // Act
    const check = checkMiddlewareTarget(slow);

    // Assess
    expect(check.status).toBe('PASS');
  });

  it('reports the target as not measured when the middleware child did not run', () => {
    // Act
    const check = checkMiddlewareTarget({ unavailable: 'boom', warmupInvocations: 10, rows: [] });

    // Assess
    expect(check.status).toBe('NOT MEASURED');
  });
});

describe('checkConceptReadTargets', () => {
  it('passes uncached and cached reads under 50 ms and a graph query under 20 ms at p95', () => {
    // Act
    const checks = checkConceptReadTargets(conceptReads(49.9, 19.9));

    // Assess
    expect(checks.map((check) => [check.target, check.subject, check.status])).toEqual([
      ['API p95', 'GET /concepts/{id} uncached (Neo4j)', 'PASS'],
      ['API p95', 'GET /concepts/{id} cached', 'PASS'],
      ['Graph query p95', 'Neo4jKnowledgeStore.getConcept', 'PASS'],
    ]);
  });

  it('fails an uncached read of exactly 50 ms at p95, since the target is under it', () => {
    // Act
    const checks = checkConceptReadTargets(conceptReads(50));

    // Assess
    expect(checks.find((check) => check.subject.includes('uncached'))?.status).toBe('FAIL');
  });

  it('fails a graph query p95 of 20 ms or more', () => {
    // Act
    const checks = checkConceptReadTargets(conceptReads(12, 20));

    // Assess
    expect(checks.find((check) => check.target === 'Graph query p95')?.status).toBe('FAIL');
  });

  it('fails a quick graph query that did not return the concept every time', () => {
    // Prepare
    const reads = { ...conceptReads(), graphQuery: graphQuery(1, 2) };

    // Act
    const checks = checkConceptReadTargets(reads);

    // Assess
    expect(checks.find((check) => check.target === 'Graph query p95')?.status).toBe('FAIL');
  });

  it('fails a quick cached read that got an unexpected status', () => {
    // Prepare
    const fixture = conceptReads();
    if (!fixture.ran) throw new Error('the fixture should have run');
    const reads = { ...fixture, cached: { ...fixture.cached, unexpectedResponses: 1 } };

    // Act
    const checks = checkConceptReadTargets(reads);

    // Assess
    expect(checks.find((check) => check.subject === 'GET /concepts/{id} cached')?.status).toBe('FAIL');
  });

  it('marks all three targets NOT RUN, with no measurement, when Neo4j could not be started', () => {
    // Act
    const checks = checkConceptReadTargets({ ran: false, reason: 'no java' });

    // Assess
    expect(checks.map((check) => [check.measured, check.status])).toEqual([
      ['not run', 'NOT RUN'],
      ['not run', 'NOT RUN'],
      ['not run', 'NOT RUN'],
    ]);
  });
});
