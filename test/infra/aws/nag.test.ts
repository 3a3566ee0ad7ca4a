import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { manifest } from '#functions/manifest';
import { synthesize } from './synthesize.ts';

describe('cdk-nag AWS Solutions checks', () => {
  it('find no violation that is not acknowledged with a reason', () => {
    // Prepare
    const { app, stack } = synthesize(manifest);

    // Act
    const report = new AwsSolutionsChecks(app).validateScope(stack);

    // Assess
    expect(report.violations.map((violation) => `${violation.ruleName} ${violation.severity}`)).toEqual([]);
  });
});
