import { describe, expect, it } from 'vitest';
import { benchSubjects } from '../../bench/subjects.ts';

const ENDPOINTS = { bedrockUrl: 'http://127.0.0.1:9' };

function headersOf(name: string): Record<string, string> | undefined {
  const subject = benchSubjects('Bearer t0k3n', ENDPOINTS).find((candidate) => candidate.name === name);
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
    const marked = benchSubjects('Bearer t', ENDPOINTS)
      .filter((subject) => subject.requiresCredentials)
      .map((subject) => subject.name);

    // Assess
    expect(marked.filter((name) => unmarked.includes(name))).toEqual([]);
  });

  it('marks routes that need a role or any caller as needing credentials', () => {
    // Act
    const marked = benchSubjects('Bearer t', ENDPOINTS)
      .filter((subject) => subject.requiresCredentials)
      .map((subject) => subject.name);

    // Assess
    expect(marked).toEqual(expect.arrayContaining(['submit-documents', 'get-concept', 'list-audit', 'list-api-keys']));
  });

  it('starts a function that embeds text with Bedrock at the given endpoint, as the stack deploys it', () => {
    // Act
    const subject = benchSubjects('Bearer t', ENDPOINTS).find((candidate) => candidate.name === 'search-documents');

    // Assess
    expect(subject?.env).toMatchObject({ EMBEDDER: 'bedrock', AWS_ENDPOINT_URL_BEDROCK_RUNTIME: ENDPOINTS.bedrockUrl });
  });

  it('adds the local ONNX default of each embedding function as a variant of it, and of nothing else', () => {
    // Act
    const variants = benchSubjects('Bearer t', ENDPOINTS).filter((subject) => subject.env?.EMBEDDER === 'onnx');

    // Assess
    expect(variants.map((subject) => [subject.name, subject.variantOf, subject.env?.EMBEDDER])).toEqual([
      ['search-documents (local ONNX)', 'search-documents', 'onnx'],
      ['process-documents (local ONNX)', 'process-documents', 'onnx'],
    ]);
  });

  it('adds the HTTP function that analyses text as provisioned concurrency starts it, as a variant of it', () => {
    // Act
    const variants = benchSubjects('Bearer t', ENDPOINTS).filter(
      (subject) => subject.env?.AWS_LAMBDA_INITIALIZATION_TYPE === 'provisioned-concurrency',
    );

    // Assess
    expect(variants.map((subject) => [subject.name, subject.variantOf])).toEqual([
      ['analyze-text (provisioned concurrency)', 'analyze-text'],
    ]);
  });
});
