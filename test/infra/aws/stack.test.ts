import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { httpFunctions, manifest, taskFunctions } from '#functions/manifest';
import { ManifestLimitError } from '#infra/aws/limits';
import { NEO4J_URI_PLACEHOLDER } from '#infra/aws/stack';
import {
  annotationsOf,
  lambdaOf,
  logicalIdOf,
  resourceOf,
  synthesize,
  variablesOf,
  type Synthesized,
} from './synthesize.ts';

describe('YggdrasilStack', () => {
  let synthesized: Synthesized;

  beforeAll(() => {
    synthesized = synthesize(manifest, { neo4jUri: undefined });
  });

  it('outputs the API URL, each queue URL, each table name, each secret ARN and the alarm topic', () => {
    // Act
    const outputs = Object.keys(synthesized.template.findOutputs('*')).sort();

    // Assess
    expect(outputs).toEqual(
      [
        'ApiUrl',
        'ProcessDocumentsQueueUrl',
        'ProcessDocumentsDeadLetterQueueUrl',
        'ProgressTableName',
        'UsersTableName',
        'ApiKeysTableName',
        'AuditTableName',
        'RateLimitsTableName',
        'CacheTableName',
        'IdempotencyTableName',
        'Neo4jSecretArn',
        'JwtSigningKeysSecretArn',
        'FirstAdminSecretArn',
        'QdrantApiKeySecretArn',
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

  it('makes every function wait for the deploy steps', () => {
    // Prepare
    const steps = [synthesized.stack.signingKeyRing.step.resource, synthesized.stack.bootstrap.step.resource].map(
      (resource) => logicalIdOf(synthesized, resource),
    );

    // Act
    const waiting = manifest.filter((definition) => {
      const { DependsOn } = lambdaOf(synthesized, definition.name) as { DependsOn?: string[] };
      return steps.every((step) => DependsOn?.includes(step));
    });

    // Assess
    expect(waiting).toEqual(manifest);
  });

  it('sets no rate-limit variable on any function when no rule is given', () => {
    // Act
    const set = manifest.flatMap((definition) => {
      const fn = synthesized.stack.functions.get(definition.name);
      if (!fn) throw new Error(`No function ${definition.name}`);
      return Object.keys(variablesOf(synthesized, fn.handler)).filter((name) => name.startsWith('RATE_LIMIT_'));
    });

    // Assess
    expect(set).toEqual([]);
  });

  it('runs no graph migrations on deploy when no Neo4j URI is given', () => {
    // Prepare
    const { bootstrap } = synthesized.stack;

    // Act
    const variables = Object.keys(variablesOf(synthesized, bootstrap.step.fn.handler));
    const { Properties } = resourceOf(synthesized, bootstrap.step.resource);

    // Assess
    expect(Properties.Neo4jUri).toBe('');
    expect(variables.filter((name) => name.startsWith('NEO4J_'))).toEqual([]);
  });

  it('warns when no Neo4j URI is given', () => {
    // Act
    const warnings = annotationsOf(synthesized).findWarning('*', Match.stringLikeRegexp('No Neo4j URI given'));

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

  it('throws when a rate limit is not <requests>/<seconds>', () => {
    // Act
    const act = () => synthesize(manifest, { rateLimits: { tokenPerIp: '20 per minute' } });

    // Assess
    expect(act).toThrow("Rate limit tokenPerIp '20 per minute' must be <requests>/<seconds>, e.g. 120/60");
  });

  it('throws when the Neo4j URI is not a bolt or neo4j address', () => {
    // Act
    const act = () => synthesize(manifest, { neo4jUri: 'https://example.databases.neo4j.io' });

    // Assess
    expect(act).toThrow(/not a bolt:\/\/ or neo4j:\/\/ address/);
  });
});

describe('YggdrasilStack with rate limits', () => {
  let synthesized: Synthesized;

  function variablesOfEntry(name: string): Record<string, unknown> {
    const fn = synthesized.stack.functions.get(name);
    if (!fn) throw new Error(`No function ${name}`);
    return variablesOf(synthesized, fn.handler);
  }

  beforeAll(() => {
    synthesized = synthesize(manifest, { rateLimits: { principal: '300/60', tokenPerUser: '3/600' } });
  });

  it('gives the rules that are set to every function that counts hits', () => {
    // Prepare
    const counting = manifest.filter((fn) => fn.uses.tables?.includes('rate-limits'));

    // Act
    const rules = counting.map((fn) => {
      const variables = variablesOfEntry(fn.name);
      return [variables.RATE_LIMIT_PRINCIPAL, variables.RATE_LIMIT_TOKEN_USER];
    });

    // Assess
    expect(rules).toEqual(counting.map(() => ['300/60', '3/600']));
  });

  it('leaves a rule that is not set to the runtime default', () => {
    // Act
    const variables = variablesOfEntry(httpFunctions.issueToken.name);

    // Assess
    expect(variables).not.toHaveProperty('RATE_LIMIT_TOKEN_IP');
  });

  it('gives no rule to a function that counts no hits', () => {
    // Act
    const variables = Object.keys(variablesOfEntry(httpFunctions.fallback.name));

    // Assess
    expect(variables.filter((name) => name.startsWith('RATE_LIMIT_'))).toEqual([]);
  });
});
