import { POWERTOOLS_METRICS_NAMESPACE, POWERTOOLS_SERVICE_NAME } from '#infra/aws/function';
import { LAMBDA_NODE_OPTIONS } from '#infra/aws/bundling';

/** The bench bundles with the CDK app's own options object: what is measured is what is deployed. */
export { BUNDLE_FILE, LAMBDA_ESBUILD_OPTIONS } from '#infra/aws/bundling';

/**
 * What the deployed functions get in their environment that changes how a bundle loads: `NODE_OPTIONS`, e.g.
 * `--enable-source-maps`, which makes Node read each bundle's source map.
 */
export const LAMBDA_NODE_FLAGS: readonly string[] = LAMBDA_NODE_OPTIONS.split(' ').filter(Boolean);

/** Settings infra/aws/function.ts gives every function. */
export const LAMBDA_POWERTOOLS_ENV = { POWERTOOLS_SERVICE_NAME, POWERTOOLS_METRICS_NAMESPACE } as const;
