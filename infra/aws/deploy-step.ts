import { CfnElement, CustomResource, Duration, Stack, Validations } from 'aws-cdk-lib';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Provider } from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { YggFunction, type ProviderFunctionDefinition } from './function.ts';

/** How long CloudFormation waits for a step before it fails the deploy (the provider framework's own limit). */
const STEP_SERVICE_TIMEOUT = Duration.minutes(15);

export interface DeployStepProps {
  /** The provider: a function like any other, bundled from a file under `infra/aws/custom-resources/`. */
  readonly definition: ProviderFunctionDefinition;
  /** Directory the `entry` path is relative to; holds `package-lock.json`. */
  readonly projectRoot: string;
  readonly resourceType: `Custom::${string}`;
  /** Sent with every event; a change to any of them makes the next deploy send an Update. */
  readonly properties: Readonly<Record<string, string>>;
  /** @default RetentionDays.ONE_MONTH */
  readonly logRetention?: RetentionDays;
}

/**
 * Work CloudFormation runs during a deploy: a custom resource whose provider is a `YggFunction`, driven
 * through the CDK provider framework (which answers CloudFormation, so a provider that throws fails the
 * deploy instead of leaving it waiting). The provider gets its permissions and settings through the
 * function's `bind*` methods, like any function.
 */
export class DeployStep extends Construct {
  readonly fn: YggFunction;
  readonly resource: CustomResource;

  constructor(scope: Construct, id: string, props: DeployStepProps) {
    super(scope, id);
    const retention = props.logRetention ?? RetentionDays.ONE_MONTH;
    this.fn = new YggFunction(this, 'Function', {
      definition: props.definition,
      projectRoot: props.projectRoot,
      logRetention: retention,
    });
    const provider = new Provider(this, 'Provider', {
      onEventHandler: this.fn.handler,
      logGroup: new LogGroup(this, 'ProviderLogs', { retention }),
    });
    this.resource = new CustomResource(this, 'Resource', {
      serviceToken: provider.serviceToken,
      resourceType: props.resourceType,
      properties: props.properties,
      serviceTimeout: STEP_SERVICE_TIMEOUT,
    });
    acknowledgeFrameworkFindings(provider, this.fn);
  }
}

/** Findings the CDK provider framework's own function raises, accepted for the reasons given. */
function acknowledgeFrameworkFindings(provider: Provider, fn: YggFunction): void {
  const handler = fn.handler.node.defaultChild;
  if (!CfnElement.isCfnElement(handler)) throw new Error(`${fn.node.path} has no CloudFormation function`);
  const handlerId = Stack.of(provider).getLogicalId(handler);
  Validations.of(provider).acknowledge(
    {
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason:
        "The provider framework's function only needs to write its logs, which the AWS-managed basic execution " +
        'policy allows.',
    },
    {
      id: `AwsSolutions-IAM5[Resource::<${handlerId}.Arn>:*]`,
      reason:
        'The provider framework may invoke any version of its one provider function (`<arn>:*`, as CDK grants ' +
        'it); the wildcard names no other function.',
    },
  );
}
