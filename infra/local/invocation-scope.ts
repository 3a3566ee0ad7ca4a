import { InvokeStore, InvokeStoreBase } from '@aws/lambda-invoke-store';

/**
 * Lambda runs one invocation per container at a time; the local runtime runs many at once in one process,
 * as Lambda Managed Instances do. Their runtime gives each invocation a scope in the InvokeStore, and
 * Powertools keeps log keys, metrics and batch state in that scope when AWS_LAMBDA_MAX_CONCURRENCY is set.
 * Without it, concurrent requests would write each other's request ids into their log lines.
 */
const store = await InvokeStore.getInstanceAsync(true);
// Only once the store is where Powertools looks for it: the variable alone makes Powertools demand one.
// (`awslambda` is missing when AWS_LAMBDA_NODEJS_NO_GLOBAL_AWSLAMBDA is set, whatever its global type says.)
const lambdaGlobal = (globalThis as { awslambda?: { InvokeStore?: unknown } }).awslambda;
if (lambdaGlobal?.InvokeStore === store) process.env.AWS_LAMBDA_MAX_CONCURRENCY ??= '64';

/** Runs one invocation in its own scope, under its request id. */
export function inInvocationScope<T>(requestId: string, run: () => T): T {
  return store.run({ [InvokeStoreBase.PROTECTED_KEYS.REQUEST_ID]: requestId }, run);
}
