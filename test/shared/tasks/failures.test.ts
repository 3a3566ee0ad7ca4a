import { ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { DependencyError, ValidationError } from '#shared/errors';
import { classifyFailure, isTransient, MalformedMessageError } from '#shared/tasks/failures';

const throttled = () =>
  new ProvisionedThroughputExceededException({
    message: 'Rate of requests exceeds the allowed throughput',
    $metadata: {},
  });

describe('task failures', () => {
  it('retries an outage of a dependency', () => {
    expect(classifyFailure(new DependencyError('graph', 'connection refused'))).toBe('retry');
  });

  it('retries DynamoDB throttling and counts it as transient', () => {
    expect([classifyFailure(throttled()), isTransient(throttled())]).toEqual(['retry', true]);
  });

  it('retries an error nobody classified, as SQS would redeliver it', () => {
    expect(classifyFailure(new TypeError('undefined is not a function'))).toBe('retry');
  });

  it('dead-letters a malformed message at once', () => {
    expect(classifyFailure(new MalformedMessageError('not JSON'))).toBe('dead-letter');
  });

  it('dead-letters a dependency refusing the request itself at once', () => {
    expect(classifyFailure(new DependencyError('graph', 'syntax error', { transient: false }))).toBe('dead-letter');
  });

  it('dead-letters a validation failure at once', () => {
    expect(classifyFailure(new ValidationError('title is empty'))).toBe('dead-letter');
  });

  it('does not count a plain error as transient for one item', () => {
    expect(isTransient(new Error('this document is broken'))).toBe(false);
  });

  it('counts a refused connection as transient', () => {
    expect(isTransient(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBe(true);
  });
});
