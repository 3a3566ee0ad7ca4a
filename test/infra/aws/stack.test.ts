import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { manifest, taskFunctions } from '#functions/manifest';
import { ManifestLimitError } from '#infra/aws/limits';
import { NEO4J_URI_PLACEHOLDER } from '#infra/aws/stack';
import { lambdaOf, synthesize, type Synthesized } from './synthesize.ts';

describe('YggdrasilStack', () => {
  let synthesized: Synthesized;

  beforeAll(() => {
    synthesized = synthesize(manifest, { neo4jUri: undefined });
  });

  it('outputs the API URL, each queue URL, the table name, the secret ARN and the alarm topic', () => {
    // Act
    const outputs = Object.keys(synthesized.template.findOutputs('*')).sort();

    // Assess
    expect(outputs).toEqual(
      [
        'ApiUrl',
        'ProcessDocumentsQueueUrl',
        'ProcessDocumentsDeadLetterQueueUrl',
        'ProgressTableName',
        'Neo4jSecretArn',
        'AlarmTopicArn',
      ].sort(),
    );
  });

  it('points graph functions at the placeholder Neo4j URI when none is given', () => {
    // Act
    const { Properties } = lambdaOf(synthesized, 'process-documents');

    // Assess
    expect(Properties.Environment).toMatchObject({ Variables: { NEO4J_URI: NEO4J_URI_PLACEHOLDER } });
  });

  it('warns when no Neo4j URI is given', () => {
    // Act
    const warnings = Annotations.fromStack(synthesized.stack).findWarning(
      '*',
      Match.stringLikeRegexp('No Neo4j URI given'),
    );

    // Assess
    expect(warnings).toHaveLength(1);
  });
});

describe('YggdrasilStack refusing a manifest', () => {
  it('throws when a queue visibility timeout is under 6 × its function timeout', () => {
    // Prepare
    const task = taskFunctions.processDocuments;
    const functions = [
      ...manifest.filter((fn) => fn.name !== task.name),
      { ...task, queue: { ...task.queue, visibilityTimeoutSeconds: 6 * task.timeoutSeconds - 1 } },
    ];

    // Act
    const act = () => synthesize(functions);

    // Assess
    expect(act).toThrow(ManifestLimitError);
    expect(act).toThrow(/process-documents: queue visibility timeout/);
  });

  it('throws when the Neo4j URI is not a bolt or neo4j address', () => {
    // Act
    const act = () => synthesize(manifest, { neo4jUri: 'https://example.databases.neo4j.io' });

    // Assess
    expect(act).toThrow(/not a bolt:\/\/ or neo4j:\/\/ address/);
  });
});
