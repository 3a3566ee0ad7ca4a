import { Annotations, CfnOutput, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import type { ThrottleSettings } from 'aws-cdk-lib/aws-apigatewayv2';
import type { Construct } from 'constructs';
import type { FunctionDefinition, SecretName, TaskType } from '#functions/manifest';
import { queueUrlVariable } from '#shared/config';
import { Alarms } from './alarms.ts';
import { Bootstrap } from './bootstrap.ts';
import { YggFunction } from './function.ts';
import { YggHttpApi } from './http-api.ts';
import { assertWithinLimits } from './limits.ts';
import { pascalCase } from './names.ts';
import { TaskQueue } from './queues.ts';
import type { ProvisionedConcurrency } from './provisioned-concurrency.ts';
import { rateLimitVariables, type RateLimitSettings } from './rate-limits.ts';
import { Secrets } from './secrets.ts';
import { SigningKeyRing } from './signing-key-ring.ts';
import { Tables } from './tables.ts';
import { bindUses, type PlatformResources } from './uses.ts';

/** Stands in for the Neo4j Aura address until one is given (`cdk synth -c neo4jUri=neo4j+s://…`). */
export const NEO4J_URI_PLACEHOLDER = 'neo4j+s://replace-me.databases.neo4j.io';

/** What each secret's ARN output tells an operator. */
const SECRET_OUTPUT_DESCRIPTIONS: Readonly<Record<SecretName, string>> = {
  neo4j: 'Put the Neo4j Aura credentials here (JSON {"username","password"})',
  'jwt-signing-keys': 'The JWT key ring, made by the stack; rotate it with rotateSigningKeys, never by hand',
  'first-admin': "The first admin's username and generated password, for the first POST /token",
  'qdrant-api-key': 'Put the Qdrant Cloud API key here (the plain key)',
};

/** Stands in for the Qdrant Cloud address until one is given (`cdk deploy -c qdrantUrl=https://…`). */
export const QDRANT_URL_PLACEHOLDER = 'https://replace-me.cloud.qdrant.io:6333';

export interface YggdrasilStackProps extends StackProps {
  /** The functions to build: the real app passes `manifest`, tests pass their own. */
  readonly functions: readonly FunctionDefinition[];
  /** Directory the `entry` paths are relative to; holds `package-lock.json`. */
  readonly projectRoot: string;
  /**
   * The Neo4j Aura address. Without it, graph functions get `NEO4J_URI_PLACEHOLDER` and the deploy runs no
   * migrations (with a warning).
   */
  readonly neo4jUri?: string;
  /** The Qdrant Cloud address. @default QDRANT_URL_PLACEHOLDER */
  readonly qdrantUrl?: string;
  /** Stage throttling of the HTTP API. @default DEFAULT_THROTTLE */
  readonly throttle?: ThrottleSettings;
  /** Per-caller rate limits (`<requests>/<seconds>`). @default the runtime's defaults (no variable set) */
  readonly rateLimits?: RateLimitSettings;
  /** Of the tables and secrets. @default RemovalPolicy.RETAIN */
  readonly dataRemovalPolicy?: RemovalPolicy;
  /** Environments kept initialised, by function name (`parseProvisionedConcurrency`). @default none */
  readonly provisionedConcurrency?: ProvisionedConcurrency;
}

/**
 * Yggdrasil in one stack, built from the function manifest: the HTTP API and its functions, one queue (with a
 * dead-letter queue and its alarm) per task function, the tables and secrets the functions use, the alarm
 * topic, and the deploy steps that make an installation ready (a JWT key ring; graph migrations and the first
 * admin). Every function waits for those steps, so none serves before they are done. Throws before building
 * anything if the manifest breaks a limit (see `limits.ts`).
 */
export class YggdrasilStack extends Stack {
  readonly tables: Tables;
  readonly secrets: Secrets;
  readonly signingKeyRing: SigningKeyRing;
  readonly bootstrap: Bootstrap;
  readonly http: YggHttpApi;
  readonly alarms: Alarms;
  /** By task type. */
  readonly taskQueues: ReadonlyMap<TaskType, TaskQueue>;
  /** By manifest name. */
  readonly functions: ReadonlyMap<string, YggFunction>;

  constructor(scope: Construct, id: string, props: YggdrasilStackProps) {
    super(scope, id, props);
    assertWithinLimits(props.functions);
    const neo4jUri = this.checkNeo4jUri(props);
    const rateLimits = rateLimitVariables(props.rateLimits);
    const removalPolicy = props.dataRemovalPolicy ?? RemovalPolicy.RETAIN;

    this.tables = new Tables(this, 'Tables', { removalPolicy });
    this.secrets = new Secrets(this, 'Secrets', { removalPolicy });
    this.signingKeyRing = new SigningKeyRing(this, 'SigningKeyRing', {
      secret: this.secrets.byName['jwt-signing-keys'],
      projectRoot: props.projectRoot,
    });
    this.bootstrap = new Bootstrap(this, 'Bootstrap', {
      projectRoot: props.projectRoot,
      neo4jUri,
      neo4jSecret: this.secrets.byName.neo4j,
      usersTable: this.tables.byName.users,
      firstAdminSecret: this.secrets.byName['first-admin'],
    });
    this.http = new YggHttpApi(this, 'Http', { throttle: props.throttle });
    this.alarms = new Alarms(this, 'Alarms');
    this.taskQueues = this.addTaskQueues(props.functions);
    this.functions = this.addFunctions(props, {
      tables: this.tables.byName,
      secrets: this.secrets.byName,
      queues: new Map([...this.taskQueues].map(([task, taskQueue]) => [task, taskQueue.queue])),
      deadLetterQueues: new Map([...this.taskQueues].map(([task, taskQueue]) => [task, taskQueue.deadLetterQueue])),
      neo4jUri: neo4jUri ?? NEO4J_URI_PLACEHOLDER,
      qdrantUrl: props.qdrantUrl ?? QDRANT_URL_PLACEHOLDER,
      rateLimits,
    });
    this.addOutputs();
  }

  /** One queue, dead-letter queue and dead-letter alarm per task function. */
  private addTaskQueues(functions: readonly FunctionDefinition[]): Map<TaskType, TaskQueue> {
    const taskQueues = new Map<TaskType, TaskQueue>();
    for (const definition of functions) {
      if (definition.kind !== 'task') continue;
      const name = pascalCase(definition.task);
      const taskQueue = new TaskQueue(this, `${name}Queue`, { settings: definition.queue });
      this.alarms.alarmOnDeadLetters(`${name}DeadLetters`, definition.task, taskQueue.deadLetterQueue);
      taskQueues.set(definition.task, taskQueue);
    }
    return taskQueues;
  }

  /** One function per manifest entry, bound to what it uses and to its route or queue. */
  private addFunctions(props: YggdrasilStackProps, resources: PlatformResources): Map<string, YggFunction> {
    const functions = new Map<string, YggFunction>();
    for (const definition of props.functions) {
      const name = pascalCase(definition.name);
      const fn = new YggFunction(this, name, {
        definition,
        projectRoot: props.projectRoot,
        provisionedConcurrency: props.provisionedConcurrency?.[definition.name],
      });
      bindUses(fn, definition, resources);
      fn.handler.node.addDependency(this.signingKeyRing.step.resource, this.bootstrap.step.resource);
      if (definition.kind === 'http') {
        this.http.addRoute(`${name}Route`, definition.route, fn.entryPoint);
      } else {
        const taskQueue = this.taskQueues.get(definition.task);
        if (!taskQueue) throw new Error(`No queue for task '${definition.task}'`);
        taskQueue.consumeWith(fn.entryPoint, definition.reservedConcurrency);
        taskQueue.grantTaskControl(fn.handler);
        fn.setSetting(queueUrlVariable(definition.task), taskQueue.queue.queueUrl);
      }
      functions.set(definition.name, fn);
    }
    return functions;
  }

  private addOutputs(): void {
    new CfnOutput(this, 'ApiUrl', { value: this.http.url, description: 'Base URL of the Yggdrasil API' });
    for (const [task, taskQueue] of this.taskQueues) {
      new CfnOutput(this, `${pascalCase(task)}QueueUrl`, { value: taskQueue.queue.queueUrl });
      new CfnOutput(this, `${pascalCase(task)}DeadLetterQueueUrl`, { value: taskQueue.deadLetterQueue.queueUrl });
    }
    for (const [table, resource] of Object.entries(this.tables.byName)) {
      new CfnOutput(this, `${pascalCase(table)}TableName`, { value: resource.tableName });
    }
    // Object.keys is typed string[]; the keys of `byName` are exactly the secret names.
    for (const secret of Object.keys(this.secrets.byName) as SecretName[]) {
      new CfnOutput(this, `${pascalCase(secret)}SecretArn`, {
        value: this.secrets.byName[secret].secretArn,
        description: SECRET_OUTPUT_DESCRIPTIONS[secret],
      });
    }
    new CfnOutput(this, 'AlarmTopicArn', {
      value: this.alarms.topic.topicArn,
      description: 'Subscribe to receive alarms',
    });
  }

  /** The Neo4j address if one was given (checked), else undefined with a warning. */
  private checkNeo4jUri(props: YggdrasilStackProps): string | undefined {
    if (props.neo4jUri === undefined) {
      if (props.functions.some((fn) => fn.uses.graph)) {
        Annotations.of(this).addWarningV2(
          'yggdrasil:neo4jUriPlaceholder',
          `No Neo4j URI given: functions will try ${NEO4J_URI_PLACEHOLDER} and the deploy runs no graph ` +
            'migrations. Put the Aura credentials in the Neo4j secret, then deploy with ' +
            '`cdk deploy -c neo4jUri=neo4j+s://<id>.databases.neo4j.io`.',
        );
      }
      return undefined;
    }
    if (!/^(bolt|neo4j)(\+s|\+ssc)?:\/\/[^/\s]+/.test(props.neo4jUri)) {
      throw new Error(`neo4jUri '${props.neo4jUri}' is not a bolt:// or neo4j:// address`);
    }
    return props.neo4jUri;
  }
}
