import { RemovalPolicy } from 'aws-cdk-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { manifest } from '#functions/manifest';
import { resourceOf, synthesize, type Synthesized } from './synthesize.ts';

describe('Tables', () => {
  let synthesized: Synthesized;

  beforeAll(() => {
    synthesized = synthesize(manifest);
  });

  it('keys the progress table by the string taskId', () => {
    // Act
    const { Properties } = resourceOf(synthesized, synthesized.stack.tables.byName.progress);

    // Assess
    expect(Properties).toMatchObject({
      KeySchema: [{ AttributeName: 'taskId', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'taskId', AttributeType: 'S' }],
    });
  });

  it('expires progress items at their expiresAt time', () => {
    // Act
    const { Properties } = resourceOf(synthesized, synthesized.stack.tables.byName.progress);

    // Assess
    expect(Properties.TimeToLiveSpecification).toEqual({ AttributeName: 'expiresAt', Enabled: true });
  });

  it('bills the progress table per request', () => {
    // Act
    const { Properties } = resourceOf(synthesized, synthesized.stack.tables.byName.progress);

    // Assess
    expect(Properties.BillingMode).toBe('PAY_PER_REQUEST');
  });

  it('keeps point-in-time recovery for the progress table', () => {
    // Act
    const { Properties } = resourceOf(synthesized, synthesized.stack.tables.byName.progress);

    // Assess
    expect(Properties.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
  });

  it('keeps the tables when the stack is deleted', () => {
    // Act & Assess
    synthesized.template.allResources('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
  });
});

describe('Tables with a removal policy', () => {
  it('deletes the tables with the stack when told to', () => {
    // Act
    const { template } = synthesize(manifest, { dataRemovalPolicy: RemovalPolicy.DESTROY });

    // Assess
    template.allResources('AWS::DynamoDB::Table', { DeletionPolicy: 'Delete' });
  });
});
