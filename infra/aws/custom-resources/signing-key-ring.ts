import type { CdkCustomResourceEvent, CdkCustomResourceResponse } from 'aws-lambda';
import { SecretsManagerSecretStore } from '#shared/adapters/secrets-manager/secret-store';
import { generateKeyRing } from '#shared/auth/signing-keys';
import { logger } from '#shared/observability/logger';
import type { SecretStore } from '#shared/ports/secret-store';
import { requiredProperty } from './properties.ts';
import { secretsManagerClient } from '#shared/container/aws-clients';

/** What the stack passes (CloudFormation hands every property over as a string). */
export interface SigningKeyRingProperties {
  /** ARN of the secret that holds the ring. */
  readonly SecretId: string;
}

export interface SigningKeyRingDeps {
  /** Only `put`: the provider may write the secret, never read it. */
  readonly secrets: Pick<SecretStore, 'put'>;
  readonly now: () => Date;
  readonly logger: { info(message: string, details: Record<string, string>): void };
}

/**
 * Puts a new JWT key ring (`generateKeyRing`) in the secret when the stack creates it, or when an update
 * points at another secret (the old one was replaced). Any other update leaves the ring alone: rotation is
 * `rotateSigningKeys`' job, and a new ring would log every caller out. Delete keeps the secret's value; the
 * secret's own removal policy decides its fate. Logs which secret it wrote, never what.
 */
export async function onSigningKeyRingEvent(
  event: CdkCustomResourceEvent<SigningKeyRingProperties>,
  deps: SigningKeyRingDeps,
): Promise<CdkCustomResourceResponse> {
  if (event.RequestType === 'Delete') return { PhysicalResourceId: event.PhysicalResourceId };
  const secretId = requiredProperty(event.ResourceProperties, 'SecretId');
  const moved = event.RequestType === 'Update' && event.OldResourceProperties.SecretId !== secretId;
  if (event.RequestType === 'Create' || moved) {
    await deps.secrets.put(secretId, JSON.stringify(await generateKeyRing(deps.now())));
    deps.logger.info('stored a new JWT signing key ring', { secretId, requestType: event.RequestType });
  }
  return { PhysicalResourceId: secretId };
}

let secrets: SecretsManagerSecretStore | undefined;

export function handler(event: CdkCustomResourceEvent<SigningKeyRingProperties>): Promise<CdkCustomResourceResponse> {
  const secretId = requiredProperty(event.ResourceProperties, 'SecretId');
  // No reads, so no cache; the health secret is never checked here.
  secrets ??= new SecretsManagerSecretStore({
    cacheTtlSeconds: 0,
    healthSecretId: secretId,
    client: secretsManagerClient(),
  });
  return onSigningKeyRingEvent(event, { secrets, now: () => new Date(), logger });
}
