import { describe, expect, it } from 'vitest';
import { isExpectedResponse } from '../../bench/expected-response.ts';

const authenticatedRoute = { kind: 'http', requiresCredentials: true } as const;
const publicRoute = { kind: 'http', requiresCredentials: false } as const;

describe('isExpectedResponse', () => {
  it('accepts a 404 as a route’s answer to a sample id that names nothing', () => {
    // Act
    const expected = isExpectedResponse(authenticatedRoute, { statusCode: 404 });

    // Assess
    expect(expected).toBe(true);
  });

  it.each([401, 403, 429])('rejects a %i from a route whose event carried credentials', (statusCode) => {
    // Act
    const expected = isExpectedResponse(authenticatedRoute, { statusCode });

    // Assess
    expect(expected).toBe(false);
  });

  it.each([400, 413, 415, 422])('rejects a %i: the sample stopped at validation', (statusCode) => {
    // Act
    const expected = isExpectedResponse(publicRoute, { statusCode });

    // Assess
    expect(expected).toBe(false);
  });

  it('accepts a 429 from a public route, which answers without credentials', () => {
    // Act
    const expected = isExpectedResponse(publicRoute, { statusCode: 429 });

    // Assess
    expect(expected).toBe(true);
  });

  it('rejects a server error', () => {
    // Act
    const expected = isExpectedResponse(publicRoute, { statusCode: 503 });

    // Assess
    expect(expected).toBe(false);
  });

  it('rejects an HTTP result without a status', () => {
    // Act
    const expected = isExpectedResponse(publicRoute, {});

    // Assess
    expect(expected).toBe(false);
  });

  it('rejects a task batch with a failed record', () => {
    // Act
    const expected = isExpectedResponse({ kind: 'task', requiresCredentials: false }, { failedRecords: 1 });

    // Assess
    expect(expected).toBe(false);
  });
});
