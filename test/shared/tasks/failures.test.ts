import { ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { DependencyError, HttpError, ValidationError } from '#shared/errors';
import { classifyFailure, describeFailure, isTransient, MalformedMessageError } from '#shared/tasks/failures';

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

  it('retries an HTTP error a server caused, and dead-letters one the request caused', () => {
    const server = new HttpError(503, 'unavailable', 'Service Unavailable', 'try later');
    const request = new HttpError(422, 'unprocessable', 'Unprocessable', 'bad input');
    expect([classifyFailure(server), classifyFailure(request)]).toEqual(['retry', 'dead-letter']);
  });

  it('counts a timeout as transient', () => {
    expect(isTransient(Object.assign(new Error('took too long'), { name: 'TimeoutError' }))).toBe(true);
  });

  it('does not count a thrown value that is no error as transient', () => {
    expect(isTransient('ECONNREFUSED')).toBe(false);
  });

  it('does not count an SDK error that is neither throttling, transient nor a server error as transient', () => {
    const refused = Object.assign(new Error('no such table'), { name: 'ResourceNotFoundException', $metadata: {} });
    expect(isTransient(refused)).toBe(false);
  });
});

describe('describeFailure', () => {
  it('keeps the first line of an error, after its name', () => {
    expect(describeFailure(new TypeError('x is undefined\n    at handler (task.ts:1:1)'))).toBe(
      'TypeError: x is undefined',
    );
  });

  it('describes a thrown value that is no error by its text', () => {
    expect(describeFailure(42)).toBe('42');
  });

  it('bounds a long message to 500 characters', () => {
    expect(describeFailure(new Error('e'.repeat(2000)))).toHaveLength(500);
  });
});
