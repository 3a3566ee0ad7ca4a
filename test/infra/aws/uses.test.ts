import { beforeAll, describe, expect, it } from 'vitest';
import { manifest, type FunctionDefinition } from '#functions/manifest';
import { ENV, queueUrlVariable } from '#shared/config';
import { lambdaOf, logicalIdOf, resourcesOfType, synthesize, TEST_NEO4J_URI, type Synthesized } from './synthesize.ts';

/** Entries the real manifest lacks, so each kind of `uses` is seen alone. */
const extraFunctions: readonly FunctionDefinition[] = [
  {
    kind: 'http',
    name: 'secret-reader',
    entry: 'replaced by the fixture handler',
    route: { method: 'GET', path: '/secret-reader' },
    permission: 'system:read',
    memoryMb: 128,
    timeoutSeconds: 5,
    uses: { secrets: ['neo4j'] },
  },
  {
    kind: 'http',
    name: 'graph-reader',
    entry: 'replaced by the fixture handler',
    route: { method: 'GET', path: '/graph-reader' },
    permission: 'concepts:read',
    memoryMb: 128,
    timeoutSeconds: 5,
    uses: { graph: true },
  },
];

const functions = [...manifest, ...extraFunctions];

const ALWAYS_SET = ['NODE_OPTIONS', 'POWERTOOLS_SERVICE_NAME', 'POWERTOOLS_METRICS_NAMESPACE'];

/** The variables the manifest says a function gets: the specification this suite checks the stack against. */
function declaredVariables({ uses }: FunctionDefinition): string[] {
  return [
    ...ALWAYS_SET,
    ...(uses.tables?.length ? [ENV.progressTable] : []),
    ...(uses.sendsTo ?? []).map(queueUrlVariable),
    ...(uses.graph || uses.secrets?.includes('neo4j') ? [ENV.neo4jSecretId] : []),
    ...(uses.graph ? [ENV.neo4jUri] : []),
  ].sort();
}

describe('bindUses', () => {
  let synthesized: Synthesized;

  function variablesOf(name: string): Record<string, unknown> {
    const environment = lambdaOf(synthesized, name).Properties.Environment as { Variables: Record<string, unknown> };
    return environment.Variables;
  }

  /** Every action the function's role allows on the resource `logicalId` stands for. */
  function actionsOn(name: string, logicalId: string): string[] {
    const fn = synthesized.stack.functions.get(name);
    if (!fn?.handler.role) throw new Error(`No role for ${name}`);
    const roleId = logicalIdOf(synthesized, fn.handler.role);
    const policies = resourcesOfType(synthesized, 'AWS::IAM::Policy', { Properties: { Roles: [{ Ref: roleId }] } });
    const statements = policies.flatMap(
      (policy) =>
        (policy.Properties.PolicyDocument as { Statement: { Action: string | string[]; Resource: unknown }[] })
          .Statement,
    );
    return statements
      .filter((statement) => JSON.stringify(statement.Resource).includes(`"${logicalId}"`))
      .flatMap((statement) => statement.Action);
  }

  beforeAll(() => {
    synthesized = synthesize(functions);
  });

  it.each(functions)('gives $name exactly the variables its uses declare', (definition) => {
    // Act
    const names = Object.keys(variablesOf(definition.name)).sort();

    // Assess
    expect(names).toEqual(declaredVariables(definition));
  });

  it('gives a function that uses no table no PROGRESS_TABLE', () => {
    // Act
    const variables = variablesOf('fallback');

    // Assess
    expect(variables).not.toHaveProperty(ENV.progressTable);
  });

  it('names the progress table to a function that uses it, and lets it read and write', () => {
    // Prepare
    const tableId = logicalIdOf(synthesized, synthesized.stack.tables.byName.progress);

    // Act
    const variables = variablesOf('get-task');

    // Assess
    expect(variables[ENV.progressTable]).toEqual({ Ref: tableId });
    expect(actionsOn('get-task', tableId)).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:PutItem']));
  });

  it('gives the queue URL to a function that sends to the task, and lets it send', () => {
    // Prepare
    const queue = synthesized.stack.taskQueues.get('process-documents')?.queue;
    if (!queue) throw new Error('No process-documents queue');
    const queueId = logicalIdOf(synthesized, queue);

    // Act
    const variables = variablesOf('submit-documents');

    // Assess
    expect(variables[queueUrlVariable('process-documents')]).toEqual({ Ref: queueId });
    expect(actionsOn('submit-documents', queueId)).toContain('sqs:SendMessage');
  });

  it('lets no function send to a queue it does not declare', () => {
    // Prepare
    const queue = synthesized.stack.taskQueues.get('process-documents')?.queue;
    if (!queue) throw new Error('No process-documents queue');

    // Act
    const actions = actionsOn('get-task', logicalIdOf(synthesized, queue));

    // Assess
    expect(actions).toEqual([]);
  });

  it('gives the secret ARN to a function that declares the secret, and lets it read the secret', () => {
    // Prepare
    const secretId = logicalIdOf(synthesized, synthesized.stack.secrets.byName.neo4j);

    // Act
    const variables = variablesOf('secret-reader');

    // Assess
    expect(variables[ENV.neo4jSecretId]).toEqual({ Ref: secretId });
    expect(actionsOn('secret-reader', secretId)).toContain('secretsmanager:GetSecretValue');
  });

  it('gives the Neo4j URI and its credentials secret to a function that reaches the graph', () => {
    // Prepare
    const secretId = logicalIdOf(synthesized, synthesized.stack.secrets.byName.neo4j);

    // Act
    const variables = variablesOf('graph-reader');

    // Assess
    expect(variables[ENV.neo4jUri]).toBe(TEST_NEO4J_URI);
    expect(actionsOn('graph-reader', secretId)).toContain('secretsmanager:GetSecretValue');
  });
});
