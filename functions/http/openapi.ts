import { httpFunctions } from '#functions/manifest';
import { openHttpFunction } from '#shared/http/open-http-function';
import { serialisedJson } from '#shared/http/responses';
import { OPENAPI_DOCUMENT_JSON } from './openapi-document.ts';

/** The same for every caller and every request of a deployment: any cache may keep it for a while. */
const CACHE_CONTROL = 'public, max-age=300';

/**
 * GET /openapi.json: the OpenAPI 3.1 document, rendered from the schemas the handlers validate with when the
 * code is built (`npm run build:openapi`), not on a cold start's first request.
 */
export const handler = openHttpFunction(httpFunctions.openapi, () =>
  Promise.resolve(serialisedJson(200, OPENAPI_DOCUMENT_JSON, { 'cache-control': CACHE_CONTROL })),
);
