import { describe, expect, it } from 'vitest';
import { manifest, taskFunctions, type HttpFunction, type TaskFunction } from '#functions/manifest';
import { limitViolations } from '#infra/aws/limits';

const task: TaskFunction = taskFunctions.processDocuments;

describe('limitViolations', () => {
  it('finds nothing wrong with the manifest', () => {
    // Act
    const violations = limitViolations(manifest);

    // Assess
    expect(violations).toEqual([]);
  });

  it('reports a queue whose visibility timeout is under 6 × the function timeout', () => {
    // Prepare
    const functions = [{ ...task, timeoutSeconds: 100, queue: { ...task.queue, visibilityTimeoutSeconds: 599 } }];

    // Act
    const violations = limitViolations(functions);

    // Assess
    expect(violations).toEqual([
      'process-documents: queue visibility timeout 599 s is below 6 × the 100 s function timeout (600 s)',
    ]);
  });

  it('accepts a visibility timeout of exactly 6 × the function timeout', () => {
    // Prepare
    const functions = [{ ...task, timeoutSeconds: 100, queue: { ...task.queue, visibilityTimeoutSeconds: 600 } }];

    // Act
    const violations = limitViolations(functions);

    // Assess
    expect(violations).toEqual([]);
  });

  it('reports an HTTP function that may run longer than API Gateway waits', () => {
    // Prepare
    const functions: HttpFunction[] = [
      {
        kind: 'http',
        name: 'slow',
        entry: 'functions/http/slow.ts',
        route: '$default',
        permission: 'public',
        memoryMb: 128,
        timeoutSeconds: 30,
        uses: {},
      },
    ];

    // Act
    const violations = limitViolations(functions);

    // Assess
    expect(violations).toEqual(['slow: timeout 30 s exceeds the 29 s API Gateway allows']);
  });

  it('reports a function that sends to a task no function consumes', () => {
    // Prepare
    const sender = manifest.find((fn) => fn.uses.sendsTo?.length);
    if (!sender) throw new Error('The manifest has no sender');

    // Act
    const violations = limitViolations([sender]);

    // Assess
    expect(violations).toEqual([`${sender.name}: sends to 'process-documents', which no task function consumes`]);
  });

  it('reports a name declared twice', () => {
    // Act
    const violations = limitViolations([task, task]);

    // Assess
    expect(violations).toEqual(['process-documents: the name is declared twice']);
  });
});
