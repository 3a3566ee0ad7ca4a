import { POWERTOOLS_METRICS_NAMESPACE, POWERTOOLS_SERVICE_NAME } from '#infra/aws/function';

/** The bench bundles with the CDK app's own options object: what is measured is what is deployed. */
export { BUNDLE_FILE, LAMBDA_ESBUILD_OPTIONS, lambdaBuildOptionsFor } from '#infra/aws/bundling';

/** Node flags the deployed functions run with (`NODE_OPTIONS`). */
export { LAMBDA_NODE_FLAGS } from '#infra/aws/bundling';

/** Settings infra/aws/function.ts gives every function. */
export const LAMBDA_POWERTOOLS_ENV = { POWERTOOLS_SERVICE_NAME, POWERTOOLS_METRICS_NAMESPACE } as const;
