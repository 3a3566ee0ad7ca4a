import { getBearerTokenEnvKey } from '@aws-sdk/core/httpAuthSchemes';
import { TokenProviderError } from '@smithy/core/config';
import type { Logger, TokenIdentity, TokenIdentityProvider } from '@smithy/types';

interface ProviderInit {
  readonly signingName?: string;
  readonly logger?: Logger;
}

/**
 * Stands in for `@aws-sdk/token-providers` in the Lambda bundles (`alias` in infra/aws/bundling.ts), as
 * lambda-credentials.ts does for the credential chain. The Bedrock runtime client signs with the role's
 * credentials (SigV4); its second scheme, a bearer token (a Bedrock API key), comes from
 * `AWS_BEARER_TOKEN_BEDROCK` as the SDK reads it, then from an SSO token cache, which a Lambda environment never
 * holds: the SSO OIDC client behind that cache added ~20 KB to each function that embeds.
 */
export const fromEnvSigningName =
  ({ signingName, logger }: ProviderInit = {}): TokenIdentityProvider =>
  (): Promise<TokenIdentity> => {
    const variable = signingName ? getBearerTokenEnvKey(signingName) : undefined;
    const token = variable ? process.env[variable] : undefined;
    if (token === undefined) {
      const message = variable
        ? `Token not present in '${variable}' environment variable`
        : "Please pass 'signingName' to compute environment variable key";
      return Promise.reject(new TokenProviderError(message, { logger }));
    }
    return Promise.resolve({ token });
  };

/** The SDK's chain after the environment: only the SSO token cache, which Lambda does not have. */
export const nodeProvider =
  ({ logger }: ProviderInit = {}): TokenIdentityProvider =>
  (): Promise<TokenIdentity> =>
    Promise.reject(
      new TokenProviderError('No bearer token: a Lambda function has no SSO token cache', {
        tryNextLink: false,
        logger,
      }),
    );
