import { httpFunctions, type RoutedFunctionKey } from '#functions/manifest';
import { openHttpFunction } from '#shared/http/open-http-function';
import { openApiDocument } from '#shared/http/openapi/document';
import type { OperationSpec } from '#shared/http/openapi/operation';
import { operations } from '#shared/http/openapi/registry';
import { json } from '#shared/http/responses';

// Fails to compile when a route of the manifest has no entry in the registry.
operations satisfies Readonly<Record<RoutedFunctionKey, OperationSpec>>;

/** The same for every caller and every request of a deployment: any cache may keep it for a while. */
const CACHE_CONTROL = 'public, max-age=300';

/** GET /openapi.json: the OpenAPI 3.1 document, generated from the schemas the handlers validate with. */
export const handler = openHttpFunction(httpFunctions.openapi, () =>
  Promise.resolve(json(200, openApiDocument(httpFunctions), { 'cache-control': CACHE_CONTROL })),
);
