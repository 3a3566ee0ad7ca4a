import { join } from 'node:path';
import { Aws, CfnElement, Duration, Stack, Validations } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Alias, Architecture, Runtime, Tracing, type IFunction } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { FunctionDefinition, TaskType } from '#functions/manifest';
import { ENV, queueUrlVariable } from '#shared/config';
import {
  cdkBundlingOf,
  dataBesideBundle,
  lambdaBuildOptionsFor,
  LAMBDA_NODE_FLAGS,
  packagesBesideBundle,
} from './bundling.ts';
import { TABLE_ACTIONS, type TableAccess } from './table-access.ts';

/** Powertools reads these; the namespace groups every Yggdrasil metric in CloudWatch. */
export const POWERTOOLS_SERVICE_NAME = 'yggdrasil';
export const POWERTOOLS_METRICS_NAMESPACE = 'Yggdrasil';

/** Every function reads its secrets from Secrets Manager in the cloud, whether or not it names one today. */
export const SECRETS_BACKEND = 'secrets-manager';

/**
 * A function the platform itself runs that no manifest entry declares: a custom resource's provider, which
 * CloudFormation calls during a deploy.
 */
export interface ProviderFunctionDefinition {
  readonly kind: 'provider';
  readonly name: string;
  /** Relative to the project root; exports `handler`. */
  readonly entry: string;
  /** What it does, for the Lambda description. */
  readonly purpose: string;
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
  readonly reservedConcurrency?: undefined;
}

export interface YggFunctionProps {
  readonly definition: FunctionDefinition | ProviderFunctionDefinition;
  /** Directory the manifest `entry` paths are relative to; holds `package-lock.json`. */
  readonly projectRoot: string;
  /** @default RetentionDays.ONE_MONTH */
  readonly logRetention?: RetentionDays;
  /**
   * Environments Lambda keeps initialised: their init (module load, English models included) is done before any
   * request reaches them. Served through a `live` alias of the current version. @default none
   */
  readonly provisionedConcurrency?: number;
}

/**
 * One manifest entry as a Lambda function: Node 22 on arm64, bundled as `bundling.ts` says, active tracing,
 * its own log group, and the memory, timeout and concurrency the manifest declares.
 *
 * Access to other resources is added with the `bind*` methods, each of which grants the permission and sets the
 * environment variable that names the resource in one call, so the two cannot drift apart.
 *
 * @example
 * const fn = new YggFunction(this, 'GetTask', { definition: httpFunctions.getTask, projectRoot });
 * fn.bindTable(progressTable, ENV.progressTable, 'read-write');
 */
export class YggFunction extends Construct {
  readonly handler: NodejsFunction;
  /** What a route or queue invokes: the `live` alias where concurrency is provisioned, else the function. */
  readonly entryPoint: IFunction;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: YggFunctionProps) {
    super(scope, id);
    const { definition, projectRoot } = props;
    const uses = definition.kind === 'provider' ? {} : definition.uses;
    this.logGroup = new LogGroup(this, 'Logs', { retention: props.logRetention ?? RetentionDays.ONE_MONTH });
    this.handler = new NodejsFunction(this, 'Handler', {
      description: descriptionOf(definition),
      entry: join(projectRoot, definition.entry),
      handler: 'handler',
      projectRoot,
      depsLockFilePath: join(projectRoot, 'package-lock.json'),
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: definition.memoryMb,
      timeout: Duration.seconds(definition.timeoutSeconds),
      reservedConcurrentExecutions: definition.reservedConcurrency,
      tracing: Tracing.ACTIVE,
      logGroup: this.logGroup,
      environment: {
        ...(LAMBDA_NODE_FLAGS.length > 0 && { NODE_OPTIONS: LAMBDA_NODE_FLAGS.join(' ') }),
        POWERTOOLS_SERVICE_NAME,
        POWERTOOLS_METRICS_NAMESPACE,
        [ENV.secretsBackend]: SECRETS_BACKEND,
      },
      bundling: cdkBundlingOf(lambdaBuildOptionsFor(uses), packagesBesideBundle(uses), dataBesideBundle(uses)),
    });
    acknowledgeAcceptedFindings(this.handler);
    this.entryPoint =
      props.provisionedConcurrency === undefined
        ? this.handler
        : new Alias(this, 'Live', {
            aliasName: 'live',
            // A new version on every change of code or configuration, so the alias never serves a stale one.
            version: this.handler.currentVersion,
            provisionedConcurrentExecutions: props.provisionedConcurrency,
          });
  }

  /** Grants `access` to the items of `table` (and its indexes) and puts its name in `variable`. */
  bindTable(table: ITable, variable: string, access: TableAccess): void {
    table.grant(this.handler, ...TABLE_ACTIONS[access]);
    this.handler.addEnvironment(variable, table.tableName);
    acknowledgeIndexGrant(this.handler, table);
  }

  /** Grants sending to the queue of `task` and puts its URL in `queueUrlVariable(task)`. */
  bindQueue(task: TaskType, queue: IQueue): void {
    queue.grantSendMessages(this.handler);
    this.handler.addEnvironment(queueUrlVariable(task), queue.queueUrl);
  }

  /**
   * Grants listing and redriving the dead letters of `task` (SQS `StartMessageMoveTask`, or moving them by
   * hand) and puts the queue's URL in `queueUrlVariable(task)`; the dead-letter queue is found from it.
   */
  bindDeadLetters(task: TaskType, queue: IQueue, deadLetterQueue: IQueue): void {
    queue.grant(this.handler, 'sqs:GetQueueAttributes', 'sqs:SendMessage');
    deadLetterQueue.grant(
      this.handler,
      'sqs:GetQueueUrl',
      'sqs:GetQueueAttributes',
      'sqs:ReceiveMessage',
      'sqs:DeleteMessage',
      'sqs:StartMessageMoveTask',
      'sqs:ListMessageMoveTasks',
    );
    this.handler.addEnvironment(queueUrlVariable(task), queue.queueUrl);
  }

  /** Grants reading `secret` and puts its ARN in `variable`. */
  bindSecret(secret: ISecret, variable: string): void {
    secret.grantRead(this.handler);
    this.handler.addEnvironment(variable, secret.secretArn);
  }

  /** Grants `bedrock:InvokeModel` on one foundation model of this stack's region, and nothing else. */
  grantInvokeModel(modelId: string): void {
    this.handler.addToRolePolicy(
      new PolicyStatement({
        actions: ['bedrock:InvokeModel'],
        resources: [`arn:${Aws.PARTITION}:bedrock:${Aws.REGION}::foundation-model/${modelId}`],
      }),
    );
  }

  /** Sets a plain setting that grants nothing (an external service's address). */
  setSetting(variable: string, value: string): void {
    this.handler.addEnvironment(variable, value);
  }
}

function descriptionOf(definition: FunctionDefinition | ProviderFunctionDefinition): string {
  if (definition.kind === 'provider') return `Yggdrasil deploy step: ${definition.purpose}`;
  if (definition.kind === 'task') return `Yggdrasil task ${definition.task}`;
  const route =
    definition.route === '$default' ? '$default route' : `${definition.route.method} ${definition.route.path}`;
  return `Yggdrasil ${route}`;
}

/**
 * CDK grants on a table's indexes as `<table ARN>/index/*`, which cdk-nag reports as a wildcard (for a table
 * that has indexes). It names that table's own indexes and no other table's.
 */
function acknowledgeIndexGrant(handler: NodejsFunction, table: ITable): void {
  const element = table.node.defaultChild;
  if (!CfnElement.isCfnElement(element)) return; // an imported table: CDK grants on its ARN alone
  Validations.of(handler).acknowledge({
    id: `AwsSolutions-IAM5[Resource::<${Stack.of(table).getLogicalId(element)}.Arn>/index/*]`,
    reason: "CDK grants a table's indexes as <table ARN>/index/*: this table's own indexes, no other table's.",
  });
}

/** Findings every function raises, accepted for the reasons given (cdk-nag AWS Solutions pack). */
function acknowledgeAcceptedFindings(handler: NodejsFunction): void {
  Validations.of(handler).acknowledge(
    {
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason:
        'The AWS-managed basic execution policy only allows writing to CloudWatch Logs, which every function needs.',
    },
    {
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'X-Ray PutTraceSegments and PutTelemetryRecords (active tracing) support no resource-level permissions.',
    },
    {
      id: 'AwsSolutions-L1',
      reason: 'The architecture fixes the runtime at nodejs22.x, the Node version the project is built and tested on.',
    },
  );
}
