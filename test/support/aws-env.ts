const AWS_VARIABLES = ['AWS_ENDPOINT_URL', 'AWS_REGION', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'];

/**
 * Fails (never skips) when the test services did not start, and so never talks to a real AWS account.
 * `what` names the tests in the message, e.g. `DynamoDB`.
 */
export function requireAwsEndpoint(what = 'AWS'): void {
  const missing = AWS_VARIABLES.filter((name) => !process.env[name]);
  if (missing.length > 0) {
    throw new Error(
      `${what} tests need a moto server; missing ${missing.join(', ')}: run them with the test command, whose globalSetup (test/services) starts moto`,
    );
  }
}
