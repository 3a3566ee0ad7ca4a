import { beforeAll, describe, expect, it } from 'vitest';
import { httpFunctions, manifest, type FunctionDefinition, type SecretName, type TableName } from '#functions/manifest';
import { ENV, queueUrlVariable } from '#shared/config';
import { QDRANT_URL_PLACEHOLDER } from '#infra/aws/stack';
import { tableAccessOf, type TableAccess } from '#infra/aws/table-access';
import {
  actionsOn,
  logicalIdOf,
  resourcesOfType,
  synthesize,
  TEST_NEO4J_URI,
  variablesOf as variablesOfFunction,
  type Synthesized,
} from './synthesize.ts';

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
    uses: { secrets: ['neo4j', 'first-admin', 'qdrant-api-key'] },
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

/** The specification this suite checks the stack against, written out rather than read from the code under test. */
const TABLE_VARIABLE: Readonly<Record<TableName, string>> = {
  progress: 'PROGRESS_TABLE',
  users: 'USERS_TABLE',
  'api-keys': 'API_KEYS_TABLE',
  audit: 'AUDIT_TABLE',
  'rate-limits': 'RATE_LIMITS_TABLE',
  cache: 'CACHE_TABLE',
  idempotency: 'IDEMPOTENCY_TABLE',
};
const SECRET_VARIABLE: Readonly<Record<SecretName, string>> = {
  neo4j: 'NEO4J_SECRET_ID',
  'jwt-signing-keys': 'JWT_SIGNING_KEYS_SECRET_ID',
  'first-admin': 'ADMIN_SECRET_ID',
  'qdrant-api-key': 'QDRANT_API_KEY_SECRET_ID',
};
const TABLES = Object.keys(TABLE_VARIABLE) as TableName[];
const SECRETS = Object.keys(SECRET_VARIABLE) as SecretName[];

const ALWAYS_SET = ['POWERTOOLS_SERVICE_NAME', 'POWERTOOLS_METRICS_NAMESPACE', 'SECRETS_BACKEND'];

const READ = [
  'dynamodb:BatchGetItem',
  'dynamodb:ConditionCheckItem',
  'dynamodb:DescribeTable',
  'dynamodb:GetItem',
  'dynamodb:Query',
  'dynamodb:Scan',
];
const WRITE = [
  'dynamodb:BatchWriteItem',
  'dynamodb:DeleteItem',
  'dynamodb:DescribeTable',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
];
const ACTIONS: Readonly<Record<TableAccess, readonly string[]>> = {
  read: READ,
  write: WRITE,
  'read-write': [...new Set([...READ, ...WRITE])].sort(),
};
const SECRET_READ = ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue'];

function declaredSecrets({ uses }: FunctionDefinition): Set<SecretName> {
  return new Set([
    ...(uses.secrets ?? []),
    ...(uses.graph ? (['neo4j'] as const) : []),
    ...(uses.vectors ? (['qdrant-api-key'] as const) : []),
  ]);
}

/** The variables the manifest says a function gets. */
function declaredVariables(definition: FunctionDefinition): string[] {
  const { uses } = definition;
  return [
    ...ALWAYS_SET,
    ...new Set((uses.tables ?? []).map((table) => TABLE_VARIABLE[table])),
    ...new Set(
      [
        ...(uses.sendsTo ?? []),
        ...(uses.deadLetters ?? []),
        ...(definition.kind === 'task' ? [definition.task] : []),
      ].map(queueUrlVariable),
    ),
    ...[...declaredSecrets(definition)].map((secret) => SECRET_VARIABLE[secret]),
    ...(uses.graph ? [ENV.neo4jUri] : []),
    ...(uses.vectors ? [ENV.qdrantUrl] : []),
    ...(uses.embedder ? [ENV.embedder] : []),
  ].sort();
}

describe('bindUses', () => {
  let synthesized: Synthesized;

  function bedrockStatementsOf(name: string): { Action: unknown }[] {
    const role = handlerOf(name).role;
    if (!role) throw new Error(`${name} has no role`);
    const policies = resourcesOfType(synthesized, 'AWS::IAM::Policy', {
      Properties: { Roles: [{ Ref: logicalIdOf(synthesized, role) }] },
    });
    return policies
      .flatMap((policy) => (policy.Properties.PolicyDocument as { Statement: { Action: unknown }[] }).Statement)
      .filter((statement) => JSON.stringify(statement.Action).includes('bedrock:'));
  }

  function handlerOf(name: string) {
    const fn = synthesized.stack.functions.get(name);
    if (!fn) throw new Error(`No function ${name}`);
    return fn.handler;
  }

  function variablesOf(name: string): Record<string, unknown> {
    return variablesOfFunction(synthesized, handlerOf(name));
  }

  function tableActions(name: string, table: TableName): string[] {
    return actionsOn(synthesized, handlerOf(name), logicalIdOf(synthesized, synthesized.stack.tables.byName[table]));
  }

  function secretActions(name: string, secret: SecretName): string[] {
    return actionsOn(synthesized, handlerOf(name), logicalIdOf(synthesized, synthesized.stack.secrets.byName[secret]));
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

  it.each(functions)('reads the secrets of $name from Secrets Manager', (definition) => {
    // Act
    const variables = variablesOf(definition.name);

    // Assess
    expect(variables[ENV.secretsBackend]).toBe('secrets-manager');
  });

  it.each(functions)(
    'lets $name use exactly the tables its uses declare, each with the access allowed to it',
    (definition) => {
      // Prepare
      const used = new Set(definition.uses.tables);
      const expected = Object.fromEntries(
        TABLES.map((table) => [table, used.has(table) ? ACTIONS[tableAccessOf(definition, table)] : []]),
      );

      // Act
      const granted = Object.fromEntries(TABLES.map((table) => [table, tableActions(definition.name, table)]));

      // Assess
      expect(granted).toEqual(expected);
    },
  );

  it.each(functions)('lets $name read exactly the secrets its uses declare', (definition) => {
    // Prepare
    const declared = declaredSecrets(definition);
    const expected = Object.fromEntries(SECRETS.map((secret) => [secret, declared.has(secret) ? SECRET_READ : []]));

    // Act
    const granted = Object.fromEntries(SECRETS.map((secret) => [secret, secretActions(definition.name, secret)]));

    // Assess
    expect(granted).toEqual(expected);
  });

  it('names each table to a function that uses it', () => {
    // Prepare
    const ids = Object.fromEntries(
      TABLES.map((table) => [
        TABLE_VARIABLE[table],
        { Ref: logicalIdOf(synthesized, synthesized.stack.tables.byName[table]) },
      ]),
    );

    // Act
    const variables = variablesOf(httpFunctions.getConcept.name);

    // Assess
    expect(variables).toMatchObject({
      [ENV.usersTable]: ids[ENV.usersTable],
      [ENV.apiKeysTable]: ids[ENV.apiKeysTable],
      [ENV.auditTable]: ids[ENV.auditTable],
      [ENV.rateLimitsTable]: ids[ENV.rateLimitsTable],
      [ENV.cacheTable]: ids[ENV.cacheTable],
    });
  });

  it('gives a function that uses no table no table variable', () => {
    // Act
    const variables = Object.keys(variablesOf('fallback'));

    // Assess
    expect(variables.filter((name) => name.endsWith('_TABLE'))).toEqual([]);
  });

  it('lets list-audit query the audit table', () => {
    // Act
    const actions = tableActions(httpFunctions.listAudit.name, 'audit');

    // Assess
    expect(actions).toEqual(expect.arrayContaining(['dynamodb:Query', 'dynamodb:PutItem']));
  });

  it('lets every other audited function append to the audit table but not read it', () => {
    // Prepare
    const audited = manifest.filter(
      (fn) => fn.uses.tables?.includes('audit') && fn.name !== httpFunctions.listAudit.name,
    );

    // Act
    const readers = audited.filter((fn) =>
      tableActions(fn.name, 'audit').some((action) => READ.includes(action) && !WRITE.includes(action)),
    );
    const writers = audited.filter((fn) => tableActions(fn.name, 'audit').includes('dynamodb:PutItem'));

    // Assess
    expect(readers.map((fn) => fn.name)).toEqual([]);
    expect(writers).toEqual(audited);
  });

  it('lets issue-token read accounts but not change them', () => {
    // Act
    const actions = tableActions(httpFunctions.issueToken.name, 'users');

    // Assess
    expect(actions).toContain('dynamodb:GetItem');
    expect(actions).not.toContain('dynamodb:PutItem');
    expect(actions).not.toContain('dynamodb:UpdateItem');
  });

  it.each([httpFunctions.createUser.name, httpFunctions.updateUser.name])(
    'lets %s create and change accounts',
    (name) => {
      // Act
      const actions = tableActions(name, 'users');

      // Assess
      expect(actions).toEqual(expect.arrayContaining(['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:GetItem']));
    },
  );

  it('lets a rate-limited function count hits with an update but not read the counters', () => {
    // Act
    const actions = tableActions(httpFunctions.getTask.name, 'rate-limits');

    // Assess
    expect(actions).toContain('dynamodb:UpdateItem');
    expect(actions).not.toContain('dynamodb:GetItem');
  });

  it('lets an authenticated function record when an API key was last used', () => {
    // Act
    const actions = tableActions(httpFunctions.listConcepts.name, 'api-keys');

    // Assess
    expect(actions).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:UpdateItem']));
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
    expect(actionsOn(synthesized, handlerOf('submit-documents'), queueId)).toContain('sqs:SendMessage');
  });

  it('lets no function send to a queue it does not declare', () => {
    // Prepare
    const queue = synthesized.stack.taskQueues.get('process-documents')?.queue;
    if (!queue) throw new Error('No process-documents queue');

    // Act
    const actions = actionsOn(synthesized, handlerOf('get-task'), logicalIdOf(synthesized, queue));

    // Assess
    expect(actions).toEqual([]);
  });

  it.each(SECRETS.filter((secret) => secret !== 'jwt-signing-keys'))(
    'gives the %s secret ARN to a function that declares the secret',
    (secret) => {
      // Prepare
      const secretId = logicalIdOf(synthesized, synthesized.stack.secrets.byName[secret]);

      // Act
      const variables = variablesOf('secret-reader');

      // Assess
      expect(variables[SECRET_VARIABLE[secret]]).toEqual({ Ref: secretId });
    },
  );

  it('gives the JWT key ring secret ARN to an authenticated function', () => {
    // Prepare
    const secretId = logicalIdOf(synthesized, synthesized.stack.secrets.byName['jwt-signing-keys']);

    // Act
    const variables = variablesOf(httpFunctions.listUsers.name);

    // Assess
    expect(variables[ENV.signingKeysSecretId]).toEqual({ Ref: secretId });
  });

  it('gives the Qdrant URL and its API-key secret to a function that reaches the vectors', () => {
    // Prepare
    const secretId = logicalIdOf(synthesized, synthesized.stack.secrets.byName['qdrant-api-key']);

    // Act
    const variables = variablesOf(httpFunctions.visualizeVectors.name);

    // Assess
    expect(variables[ENV.qdrantUrl]).toBe(QDRANT_URL_PLACEHOLDER);
    expect(actionsOn(synthesized, handlerOf(httpFunctions.visualizeVectors.name), secretId)).toContain(
      'secretsmanager:GetSecretValue',
    );
  });

  it('lets a function that embeds invoke the Titan v2 embedding model and no other Bedrock model', () => {
    // Act
    const statements = bedrockStatementsOf(httpFunctions.searchDocuments.name);

    // Assess
    expect(variablesOf(httpFunctions.searchDocuments.name)[ENV.embedder]).toBe('bedrock');
    expect(statements).toEqual([
      {
        Action: 'bedrock:InvokeModel',
        Effect: 'Allow',
        Resource: {
          'Fn::Join': [
            '',
            [
              'arn:',
              { Ref: 'AWS::Partition' },
              ':bedrock:',
              { Ref: 'AWS::Region' },
              '::foundation-model/amazon.titan-embed-text-v2:0',
            ],
          ],
        },
      },
    ]);
  });

  it('gives Bedrock to no function that does not embed', () => {
    // Act
    const granted = manifest.filter((fn) => bedrockStatementsOf(fn.name).length > 0).map((fn) => fn.name);

    // Assess
    expect(granted.sort()).toEqual(['process-documents', 'search-documents']);
  });

  it('gives the Neo4j URI and its credentials secret to a function that reaches the graph', () => {
    // Prepare
    const secretId = logicalIdOf(synthesized, synthesized.stack.secrets.byName.neo4j);

    // Act
    const variables = variablesOf('graph-reader');

    // Assess
    expect(variables[ENV.neo4jUri]).toBe(TEST_NEO4J_URI);
    expect(actionsOn(synthesized, handlerOf('graph-reader'), secretId)).toContain('secretsmanager:GetSecretValue');
  });

  it('lets no function of the manifest read the first admin secret', () => {
    // Act
    const readers = manifest.filter((fn) => secretActions(fn.name, 'first-admin').length > 0);

    // Assess
    expect(readers).toEqual([]);
  });
});
