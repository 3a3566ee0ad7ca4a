import { fromEnv } from '@aws-sdk/credential-provider-env';

/**
 * Stands in for `@aws-sdk/credential-provider-node` in the Lambda bundles (`alias` in infra/aws/bundling.ts).
 * The Lambda runtime hands a function its role's credentials in the environment, the first source of the SDK's
 * default chain; the chain's other sources (profiles, SSO, web identity, container and instance metadata, with
 * the STS and SSO clients they carry) never answer there, and would add ~85 KB to every bundle.
 */
export const defaultProvider: typeof fromEnv = (init) => fromEnv(init);
