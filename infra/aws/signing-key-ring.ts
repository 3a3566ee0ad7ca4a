import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { SigningKeyRingProperties } from './custom-resources/signing-key-ring.ts';
import { DeployStep } from './deploy-step.ts';

export interface SigningKeyRingProps {
  /** The `jwt-signing-keys` secret. */
  readonly secret: ISecret;
  readonly projectRoot: string;
}

/**
 * Fills the JWT key-ring secret with a real ring (ES256 JWKs from `generateKeyRing`) when the stack creates
 * it: Secrets Manager can only generate strings. The provider may write that one secret and read none.
 */
export class SigningKeyRing extends Construct {
  readonly step: DeployStep;

  constructor(scope: Construct, id: string, props: SigningKeyRingProps) {
    super(scope, id);
    this.step = new DeployStep(this, 'Step', {
      definition: {
        kind: 'provider',
        name: 'signing-key-ring',
        entry: 'infra/aws/custom-resources/signing-key-ring.ts',
        purpose: 'put a new JWT key ring in its secret',
        memoryMb: 256,
        timeoutSeconds: 60,
      },
      projectRoot: props.projectRoot,
      resourceType: 'Custom::SigningKeyRing',
      properties: { SecretId: props.secret.secretArn } satisfies SigningKeyRingProperties,
    });
    this.step.fn.handler.addToRolePolicy(
      new PolicyStatement({ actions: ['secretsmanager:PutSecretValue'], resources: [props.secret.secretArn] }),
    );
  }
}
