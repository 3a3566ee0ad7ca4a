const AWS_VARIABLES = ['AWS_ENDPOINT_URL', 'AWS_REGION', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'];

/** Fails (never skips) when the test services did not start, and never talks to a real AWS account. */
export function requireAwsEndpoint(): void {
  const missing = AWS_VARIABLES.filter((name) => !process.env[name]);
  if (missing.length > 0) {
    throw new Error(`DynamoDB tests need a moto server; missing ${missing.join(', ')} (started by test/services)`);
  }
}
