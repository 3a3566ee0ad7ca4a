import { httpFunctions } from '#functions/manifest';
import { openHttpFunction } from '#shared/http/open-http-function';
import { openApiDocument } from '#shared/http/openapi/document';
import { json } from '#shared/http/responses';

/** The same for every caller and every request of a deployment: any cache may keep it for a while. */
const CACHE_CONTROL = 'public, max-age=300';

/** GET /openapi.json: the OpenAPI 3.1 document, generated from the schemas the handlers validate with. */
export const handler = openHttpFunction(httpFunctions.openapi, () =>
  Promise.resolve(json(200, openApiDocument(), { 'cache-control': CACHE_CONTROL })),
);
