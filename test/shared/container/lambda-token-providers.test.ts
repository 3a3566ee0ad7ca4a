import { afterEach, describe, expect, it, vi } from 'vitest';
import { fromEnvSigningName, nodeProvider } from '#shared/container/lambda-token-providers';

const VARIABLE = 'AWS_BEARER_TOKEN_BEDROCK';
afterEach(() => {
  vi.unstubAllEnvs();
});

describe("the Lambda bundles' bearer-token providers", () => {
  it("read Bedrock's API key from AWS_BEARER_TOKEN_BEDROCK, as the SDK does", async () => {
    // Prepare
    vi.stubEnv(VARIABLE, 'bedrock-api-key');

    // Act
    const identity = await fromEnvSigningName({ signingName: 'bedrock' })();

    // Assess
    expect(identity).toEqual({ token: 'bedrock-api-key' });
  });

  it('name the variable when no key is set, so the SDK tries the next provider', async () => {
    // Prepare
    vi.stubEnv(VARIABLE, undefined);

    // Act
    const reading = fromEnvSigningName({ signingName: 'bedrock' })();

    // Assess
    await expect(reading).rejects.toMatchObject({
      name: 'TokenProviderError',
      message: `Token not present in '${VARIABLE}' environment variable`,
      tryNextLink: true,
    });
  });

  it('end the chain after the environment: a Lambda function has no SSO token cache', async () => {
    // Act
    const reading = nodeProvider()();

    // Assess
    await expect(reading).rejects.toMatchObject({ name: 'TokenProviderError', tryNextLink: false });
  });
});
