import { describe, expect, it } from 'vitest';
import { benchSubjects } from '../../bench/subjects.ts';

function headersOf(name: string): Record<string, string> | undefined {
  const subject = benchSubjects('Bearer t0k3n').find((candidate) => candidate.name === name);
  return (subject?.event as { headers?: Record<string, string> } | undefined)?.headers;
}

describe('benchSubjects', () => {
  it('gives a route that needs credentials an event with the bearer token', () => {
    // Act
    const headers = headersOf('get-concept');

    // Assess
    expect(headers?.authorization).toBe('Bearer t0k3n');
  });

  it('sends a public route its event without credentials', () => {
    // Act
    const headers = headersOf('health');

    // Assess
    expect(headers).not.toHaveProperty('authorization');
  });

  it('marks no public route, task or baseline as needing credentials', () => {
    // Prepare
    const unmarked = ['health', 'openapi', 'issue-token', 'fallback', 'process-documents', 'baseline'];

    // Act
    const marked = benchSubjects('Bearer t')
      .filter((subject) => subject.requiresCredentials)
      .map((subject) => subject.name);

    // Assess
    expect(marked.filter((name) => unmarked.includes(name))).toEqual([]);
  });

  it('marks routes that need a role or any caller as needing credentials', () => {
    // Act
    const marked = benchSubjects('Bearer t')
      .filter((subject) => subject.requiresCredentials)
      .map((subject) => subject.name);

    // Assess
    expect(marked).toEqual(expect.arrayContaining(['submit-documents', 'get-concept', 'list-audit', 'list-api-keys']));
  });
});
